#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a text file's bytes stand for characters: UTF-8 (with or without a BOM), or GB18030 —
/// the superset of GBK and GB2312 that Chinese Excel and WPS write when they save "CSV".
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030

    /// The encoding a name on the command line means: `utf-8`/`utf8`, `gb18030`/`gbk`/`gb2312`.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }

    /// UTF-8 when the bytes are valid UTF-8 (a sequence cut by the end of `bytes` counts as
    /// valid), GB18030 otherwise: text that is not UTF-8 is, from a Chinese office, GB18030.
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return .gb18030
            }
            for offset in 1..<length {
                guard index + offset < count else { return .utf8 }
                guard bytes[index + offset] & 0xC0 == 0x80 else { return .gb18030 }
            }
            index += length
        }
        return .utf8
    }
}

/// Turns GB18030 bytes into UTF-8, chunk by chunk, with the C library's iconv: a character cut
/// by the end of one chunk is finished with the next.
final class Transcoder {
    private let converter: iconv_t
    /// The start of a character the last chunk ended in the middle of.
    private var pending: [UInt8] = []

    init?(from encoding: TextEncoding) {
        let converter = iconv_open("UTF-8", encoding.rawValue.uppercased())
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        self.converter = converter
    }

    deinit { iconv_close(converter) }

    /// The UTF-8 of `chunk` (and of what the previous chunk left unfinished); nil when the bytes
    /// are not text in the encoding. At the end of the file (`last`), an unfinished character is
    /// an error too.
    func convert(_ chunk: [UInt8], last: Bool) -> [UInt8]? {
        var input = pending + chunk
        pending = []
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        let ok = input.withUnsafeMutableBytes { inputBytes -> Bool in
            output.withUnsafeMutableBytes { outputBytes -> Bool in
                var inPointer = inputBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBytes.count
                var outPointer = outputBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBytes.count
                while inLeft > 0 {
                    if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                        guard errno == EINVAL, !last else { return false }
                        // An unfinished character: kept for the next chunk.
                        pending = Array(UnsafeRawBufferPointer(start: inPointer, count: inLeft))
                        break
                    }
                }
                produced = outputBytes.count - outLeft
                return true
            }
        }
        guard ok else { return nil }
        output.removeSubrange(produced...)
        return output
    }
}
