// A metric name lowercased once, for the word searches that bound a percentage metric
// (`impossible-target`).

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A metric name lowercased once, to search for words in. An ASCII name (nearly every one) is
/// searched byte by byte, which finds what Foundation's `contains` finds there without its
/// per-call cost; any other name goes through Foundation as before.
struct LowercasedName {
    private let ascii: [UInt8]?
    private let text: String

    init(_ name: String) {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            ascii = name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            text = ""
        } else {
            ascii = nil
            text = name.lowercased()
        }
    }

    func contains(_ word: String) -> Bool {
        // An empty word is never found (as with Foundation's `contains`).
        guard !word.isEmpty else { return false }
        guard let ascii else { return text.contains(word) }
        let count = word.utf8.count
        guard count <= ascii.count else { return false }
        search: for start in 0...(ascii.count - count) {
            var i = start
            for byte in word.utf8 {
                guard ascii[i] == byte else { continue search }
                i += 1
            }
            return true
        }
        return false
    }
}
