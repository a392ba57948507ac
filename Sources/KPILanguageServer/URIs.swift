// `file://` URIs to file paths and back. Documents with other schemes (`untitled:`) keep their
// URI as their key, so they still get checked.

import Foundation

enum URIs {
    static func path(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var rest = uri.dropFirst("file://".count)
        if !rest.hasPrefix("/"), let slash = rest.firstIndex(of: "/") { rest = rest[slash...] }  // file://host/path
        // Every request names a document: most URIs have nothing to decode.
        guard rest.utf8.contains(UInt8(ascii: "%")) else { return String(rest) }
        return String(rest).removingPercentEncoding ?? String(rest)
    }

    static func uri(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return "file://" + (path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path)
    }

    private static let pathAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#[]@!$&'()*+,;=")
        return allowed
    }()
}
