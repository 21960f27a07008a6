import Foundation

/// Hands batches of checked rows from the thread reading a file to the thread writing them, so
/// that parsing and SQLite work side by side. Bounded, so that memory stays flat when SQLite is
/// the slower side; the writer can stop the reader.
final class BatchQueue: @unchecked Sendable {
    // Every stored property below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var batches: [RowBatch] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Runs `produce` on a thread of its own while this thread passes each batch to `consume`;
    /// returns once both are done. When `consume` throws, the producer is stopped and waited for.
    static func run(capacity: Int = 4, produce: @escaping @Sendable (BatchQueue) -> Void, consume: (RowBatch) throws -> Void) throws {
        let queue = BatchQueue(capacity: capacity)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            produce(queue)
            finished.signal()
        }.start()
        defer { finished.wait() }
        do {
            while let batch = queue.take() {
                try consume(batch)
            }
        } catch {
            queue.cancel()
            throw error
        }
    }

    /// Waits for room, then queues `batch`; false when the consumer has stopped.
    func put(_ batch: RowBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer is done: once the queued batches are taken, `take` returns nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for one; nil once the producer has closed the queue and it is empty.
    func take() -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !closed { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    /// The consumer gives up: the producer's next `put` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
