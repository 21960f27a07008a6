/// The file line of each row an import inserted, by insertion order, kept as runs of consecutive
/// lines: a file whose rows all insert, one line after another, is one run however long.
struct InsertedLines {
    /// Where each run starts: its first insertion's ordinal and line.
    private var runs: [(ordinal: Int, line: Int32)] = []
    private(set) var count = 0
    private var lastLine: Int32 = 0

    mutating func append(_ line: Int32) {
        if runs.isEmpty || line != lastLine + 1 { runs.append((count, line)) }
        count += 1
        lastLine = line
    }

    /// The line of the insertion with this ordinal (0 for the first); nil beyond them.
    func line(at ordinal: Int) -> Int32? {
        guard ordinal >= 0, ordinal < count else { return nil }
        var low = 0, high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].ordinal <= ordinal { low = middle } else { high = middle - 1 }
        }
        return runs[low].line + Int32(ordinal - runs[low].ordinal)
    }
}
