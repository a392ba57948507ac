// Finding a run of bytes in a text without making strings: `# kpi-ignore:` comments in a plan,
// `$/cancelRequest` in an incoming message.

public enum ByteSearch {
    /// Whether `needle` occurs in `bytes` (never, for an empty needle). Boyer–Moore–Horspool: the
    /// window moves by how far its last byte is from the needle's end, so most bytes are never read.
    public static func contains(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        let last = needle.count - 1
        var shift = [Int](repeating: needle.count, count: 256)
        for (i, byte) in needle[..<last].enumerated() { shift[Int(byte)] = last - i }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                var i = 0
                while i + last < haystack.count {
                    let tail = haystack[i + last]
                    if tail == needle[last] {
                        var j = 0
                        while j < last && haystack[i + j] == needle[j] { j += 1 }
                        if j == last { return true }
                    }
                    i += shift[Int(tail)]
                }
                return false
            }
        }
    }
}
