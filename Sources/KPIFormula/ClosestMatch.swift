/// The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo;
/// else the one candidate that contains `word` or all its words, or is contained in it
/// (`maintenance-business-growth` for `maintenance-growth`, `office` for `head-office`).
///
/// Used for "did you mean" hints on measure, field, role and KPI names.
public func closestMatch(to word: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(word.lowercased().unicodeScalars)
    let limit = max(2, target.count / 3)
    var best: (candidate: String, distance: Int)?
    var containing: [String] = []
    for candidate in candidates {
        let lowered = candidate.lowercased()
        let distance = editDistance(target, Array(lowered.unicodeScalars))
        if distance <= limit, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
        let lowerWord = word.lowercased()
        if target.count >= 3, lowered.count >= 3,
           lowered.contains(lowerWord) || lowerWord.contains(lowered) || wordsOf(word).isSubset(of: wordsOf(lowered)) {
            containing.append(candidate)
        }
    }
    return best?.candidate ?? (containing.count == 1 ? containing[0] : nil)
}

/// The words of an identifier, split at `-`, `_`, `.` and `:`.
private func wordsOf(_ identifier: String) -> Set<String> {
    Set(identifier.lowercased().split { "-_.:".contains($0) }.map(String.init))
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}
