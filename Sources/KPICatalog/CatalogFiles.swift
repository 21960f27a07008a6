import Foundation

/// The files of a catalog as read: every file of `roles/` and `kpi-definitions/` by its path in
/// the catalog folder (`roles/cashier.yaml`), with its bytes. A catalog loads from them; a run
/// keeps them with its results, so that a period is read by the rules it was scored by.
public struct CatalogFiles: Sendable, Equatable {
    /// The two folders a catalog holds.
    public static let folders = ["roles", "kpi-definitions"]

    public let contents: [String: Data]
    /// The folders that exist, even empty.
    let present: Set<String>
    /// The catalog folder they were read from; nil for files kept with a run.
    public let folder: String?

    public init(contents: [String: Data]) {
        self.contents = contents
        present = Set(contents.keys.compactMap { $0.split(separator: "/").first.map(String.init) })
        folder = nil
    }

    init(contents: [String: Data], present: Set<String>, folder: String) {
        self.contents = contents
        self.present = present
        self.folder = folder
    }

    /// The files of the catalog in `root`; a folder that is missing or cannot be listed is left
    /// out (the loader reports it), a file that cannot be read too (and is reported).
    static func read(from root: URL, unreadable: (String) -> Void) -> CatalogFiles {
        var contents: [String: Data] = [:]
        var present: Set<String> = []
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            present.insert(folder)
            for name in names where !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) {
                if let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) {
                    contents["\(folder)/\(name)"] = data
                } else {
                    unreadable("\(folder)/\(name)")
                }
            }
        }
        return CatalogFiles(contents: contents, present: present, folder: root.path)
    }

    /// The names of the files directly in `folder`, sorted.
    func names(in folder: String) -> [String] {
        contents.keys.filter { $0.hasPrefix(folder + "/") }.map { String($0.dropFirst(folder.count + 1)) }.sorted()
    }
}
