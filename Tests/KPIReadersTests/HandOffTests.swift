import Foundation
import Synchronization
import Testing
@testable import KPIReaders

@Suite("HandOff: a producer thread and the calling thread, side by side")
struct HandOffTests {
    struct Planted: Error, Equatable {
        let at: Int
    }

    @Test("every value arrives, in order, through a queue of two")
    func inOrder() throws {
        var received: [Int] = []
        try HandOff<Int>.run(capacity: 2, produce: { handOff in
            for value in 1...1_000 { _ = handOff.put(value) }
        }) { received.append($0) }
        #expect(received == Array(1...1_000))
    }

    @Test("a consumer's error stops the producer within the queue's length and reaches the caller")
    func consumerFails() throws {
        let produced = Atomic<Int>(0)
        #expect(throws: Planted(at: 10)) {
            try HandOff<Int>.run(capacity: 2, produce: { handOff in
                for value in 1...1_000_000 {
                    guard handOff.put(value) else { return }
                    produced.add(1, ordering: .relaxed)
                }
            }) { value in
                if value == 10 { throw Planted(at: 10) }
            }
        }
        // Ten taken and at most two queued when the consumer gave up; the next put was refused.
        #expect(produced.load(ordering: .relaxed) <= 12)
    }

    @Test("a producer's error reaches the caller after the values put before it")
    func producerFails() throws {
        var received: [Int] = []
        #expect(throws: Planted(at: 4)) {
            try HandOff<Int>.run(capacity: 2, produce: { handOff in
                for value in 1...3 { _ = handOff.put(value) }
                throw Planted(at: 4)
            }) { received.append($0) }
        }
        #expect(received == [1, 2, 3])
    }
}
