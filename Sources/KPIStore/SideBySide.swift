import Foundation

extension Store {
    /// Runs `work` for each of `items` on this connection and, when a second connection would
    /// read the very same state (see `Database.sharesSnapshotWithNewConnections`: inside a write
    /// transaction that has written nothing yet), on a second connection on a thread of its own,
    /// side by side: each takes the next item not yet taken, in the order given. Returns the
    /// results in that order; the first error is thrown once both are done. Anywhere else, and
    /// when the second connection cannot be opened, the items are worked through here alone: the
    /// second connection only saves time, it never changes what is read.
    func sideBySide<Item: Sendable, Result: Sendable>(_ items: [Item],
                                                      _ work: @escaping @Sendable (Store, Item) throws -> Result) throws -> [Result] {
        let shared = SideBySideState<Result>(count: items.count)
        @Sendable func drain(_ store: Store) {
            while let index = shared.next() {
                do {
                    shared.finish(index, with: try work(store, items[index]))
                } catch {
                    shared.fail(error)
                }
            }
        }
        if database.sharesSnapshotWithNewConnections, items.count > 1 {
            let finished = DispatchSemaphore(value: 0)
            let path = database.path
            Thread {
                if let second = try? Store(secondConnectionTo: path) { try? second.reading { drain(second) } }
                finished.signal()
            }.start()
            drain(self)
            finished.wait()
        } else {
            drain(self)
        }
        return try shared.results()
    }
}

/// What the two sides of `sideBySide` share: the next item, the results, the first error.
private final class SideBySideState<Result: Sendable>: @unchecked Sendable {
    // Every stored property below is read and written only while `lock` is held.
    private let lock = NSLock()
    private var taken = 0
    private var finished: [Result?]
    private var failure: (any Error)?

    init(count: Int) {
        finished = Array(repeating: nil, count: count)
    }

    /// The next item to work on; nil when all are taken or a side has failed.
    func next() -> Int? {
        lock.withLock {
            guard failure == nil, taken < finished.count else { return nil }
            taken += 1
            return taken - 1
        }
    }

    func finish(_ index: Int, with result: Result) {
        lock.withLock { finished[index] = result }
    }

    func fail(_ error: any Error) {
        lock.withLock { failure = failure ?? error }
    }

    func results() throws -> [Result] {
        try lock.withLock {
            if let failure { throw failure }
            return finished.map { $0! }
        }
    }
}
