import Foundation
import KPIFormula
import Yams

/// Loads a catalog folder file by file, collecting every problem instead of stopping at the first.
struct CatalogLoader {
    let files: CatalogFiles
    /// How paths are shown in diagnostics: relative to the current folder when the catalog is `.`.
    let shownRoot: String
    let log = DiagnosticLog()
    let measures: MeasureCatalogue

    init(files: CatalogFiles, shownRoot: String, measures: MeasureCatalogue) {
        self.files = files
        self.shownRoot = shownRoot
        self.measures = measures
    }

    func shown(_ relative: String) -> String {
        shownRoot.isEmpty || shownRoot == "." ? relative : (shownRoot as NSString).appendingPathComponent(relative)
    }

    /// The `.yaml` files of a sub-folder (sorted), reporting a missing folder and misnamed files.
    func yamlFiles(in folder: String, excluding reserved: Set<String>) -> [String]? {
        guard files.present.contains(folder) else {
            log.error(.file(shown(folder)), "folder not found; a catalog holds roles/ and kpi-definitions/")
            return nil
        }
        let names = files.names(in: folder)
        for name in names where name.hasSuffix(".yml") {
            log.error(.file(shown("\(folder)/\(name)")), "catalog files end in .yaml; rename it to \(name.dropLast(4)).yaml")
        }
        return names.filter { $0.hasSuffix(".yaml") && !reserved.contains($0) }
    }

    func document(_ relative: String, required: Bool = true) -> (node: Node, file: String)? {
        let file = shown(relative)
        guard let data = files.contents[relative] else {
            if required { log.error(.file(file), "file not found") }
            return nil
        }
        return YAMLFile.load(data, shownAs: file, log: log).map { ($0, file) }
    }

    /// Reports an id that is not `[a-z0-9-]+`.
    func checkIdentifier(_ id: Located<String>, what: String) {
        let valid = !id.value.isEmpty && id.value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        if !valid {
            log.error(id.location, "\(what) id `\(id.value)` may hold only lower-case letters, digits and `-`")
        }
    }

    /// Reports a file whose `id` is not its file name.
    func checkFileName(_ id: Located<String>, file name: String) {
        let stem = String(name.dropLast(".yaml".count))
        if id.value != stem {
            log.error(id.location, "id `\(id.value)` does not match the file name `\(name)`; rename the file to \(id.value).yaml or set id: \(stem)")
        }
    }
}
