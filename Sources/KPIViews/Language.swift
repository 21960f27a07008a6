import Foundation

/// The language of labels and headers: Chinese or English.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// `--lang` when given, else Chinese when `LANG` starts with `zh`, else English.
    public static func resolve(_ option: Language?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let option { return option }
        let lang = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
        return lang.lowercased().hasPrefix("zh") ? .zh : .en
    }

    /// The text in this language.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}

/// How a command shows data: a table for people, JSON or CSV for programs.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv
}
