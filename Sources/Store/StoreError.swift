/// A storage problem a user can act on.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// True when what was read changed under the reader (a refit replaced the models): reading again succeeds.
    public var isConcurrentChange = false

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
