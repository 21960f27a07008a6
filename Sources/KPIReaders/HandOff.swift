import Foundation

/// Hands values from a thread that produces them to the calling thread, which consumes them, so
/// that the two work side by side: a sheet inflated while its rows are read, a file read and
/// checked while SQLite writes its rows, scorecards read while a workbook is written. Bounded, so that memory stays flat when the
/// consumer is the slower side; the consumer can stop the producer, and the producer's error
/// reaches the caller.
public final class HandOff<Element: Sendable>: @unchecked Sendable {
    // Every stored property below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var queued: [Element] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false
    private var failure: (any Error)?

    private init(capacity: Int) {
        self.capacity = capacity
    }

    /// Runs `produce` on a thread of its own while this thread passes each value it puts to
    /// `consume`; returns once both are done. When `consume` throws, the producer is stopped and
    /// waited for; when `produce` throws, its error is thrown here after the values before it.
    public static func run(capacity: Int = 4, produce: @escaping @Sendable (HandOff) throws -> Void, consume: (Element) throws -> Void) throws {
        let handOff = HandOff(capacity: capacity)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            do {
                try produce(handOff)
            } catch {
                handOff.close(failure: error)
            }
            handOff.close(failure: nil)
            finished.signal()
        }.start()
        do {
            while let element = handOff.take() {
                try consume(element)
            }
        } catch {
            handOff.cancel()
            finished.wait()
            throw error
        }
        finished.wait()
        if let failure = handOff.failure { throw failure }
    }

    /// Waits for room, then queues `element`; false when the consumer has stopped.
    public func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queued.count >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queued.append(element)
        condition.broadcast()
        return true
    }

    /// The producer is done (with `failure`, or the first failure given stays): once the queued
    /// values are taken, `take` returns nil.
    private func close(failure: (any Error)?) {
        condition.lock()
        closed = true
        self.failure = self.failure ?? failure
        condition.broadcast()
        condition.unlock()
    }

    /// The next value, waiting for one; nil once the producer is done and nothing is queued.
    private func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty, !closed { condition.wait() }
        guard !queued.isEmpty else { return nil }
        condition.broadcast()
        return queued.removeFirst()
    }

    /// The consumer gives up: the producer's next `put` returns false.
    private func cancel() {
        condition.lock()
        cancelled = true
        queued.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
