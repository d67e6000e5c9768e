/// HTML, SVG or XML text that is safe to emit as it is.
///
/// String literals are markup; every `String` interpolated into a `Markup` literal is escaped with
/// ``Swift/String/markupEscaped``, so data can only ever reach the output as text. Other markup interpolates
/// unchanged, integers print as digits, and there is deliberately no interpolation for `Double`: numbers go through
/// ``NumberFormat`` first, so that no `nan` or `inf` can reach a document.
public struct Markup: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var text: String

    /// Empty markup.
    public init() { text = "" }

    /// Markup that the caller vouches for (CSS, already escaped text).
    public init(trusted text: String) { self.text = text }

    public init(stringLiteral value: String) { text = value }

    public init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    public var description: String { text }

    public var isEmpty: Bool { text.isEmpty }

    /// Reserves room for `count` UTF-8 bytes.
    public mutating func reserveCapacity(_ count: Int) { text.reserveCapacity(count) }

    public static func += (lhs: inout Markup, rhs: Markup) { lhs.text += rhs.text }

    /// The interpolation that escapes strings and passes markup through.
    public struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text: String

        public init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + 24 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Data: escaped.
        public mutating func appendInterpolation(_ string: String) { text += string.markupEscaped }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ markup: Markup) { text += markup.text }

        /// Pieces of markup, one after another.
        public mutating func appendInterpolation(_ markup: [Markup]) {
            for piece in markup { text += piece.text }
        }

        public mutating func appendInterpolation(_ number: Int) { text += String(number) }
    }
}

extension Array where Element == Markup {
    /// The pieces joined with `separator`.
    public func joined(separator: Markup) -> Markup {
        var result = Markup()
        for (index, piece) in enumerated() {
            if index > 0 { result += separator }
            result += piece
        }
        return result
    }
}
