/// An append-only array stored in fixed-size segments.
///
/// Growing never copies what is already stored and wastes at most one segment, so a 15-million-entry buffer
/// costs its size, not up to twice its size plus a transient copy as a doubling `Array` would.
struct SegmentedBuffer<Element: BitwiseCopyable & Sendable>: Sendable {
    private static var shift: Int { 16 }
    private static var segmentSize: Int { 1 << shift }
    private static var mask: Int { segmentSize - 1 }

    private var segments: [[Element]] = []
    private(set) var count = 0

    init() {}

    /// - Complexity: amortised O(1).
    @inline(__always)
    mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            var segment: [Element] = []
            segment.reserveCapacity(Self.segmentSize)
            segments.append(segment)
        }
        segments[segments.count - 1].append(element)
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> Element { segments[index >> Self.shift][index & Self.mask] }
}
