/// Everything `paperradar serve` was asked to do, as the web app needs it.
public struct ServeConfiguration: Sendable {
    /// The address to bind (`127.0.0.1` by default).
    public var host: String
    /// The port to bind; 0 for any free port (the bound one is reported when the server runs).
    public var port: Int
    /// The token every request must carry (a session cookie after the login form, or `Authorization: Bearer`);
    /// nil when the server is on loopback and no token was asked for.
    public var token: String?
    /// Host names the server answers to besides the bound address (the `Host` header is checked).
    public var allowedHosts: [String]
    /// The stored reading profile the app rates into and reads the reading list of.
    public var profile: String
    /// Requests with a larger body are refused (413).
    public var maxBodyBytes: Int
    /// Items per page on paged pages (search, topic papers).
    public var pageSize: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8547, token: String? = nil, allowedHosts: [String] = [],
        profile: String = "default", maxBodyBytes: Int = 256 << 10, pageSize: Int = 25
    ) {
        precondition((0...65_535).contains(port), "a port is 0…65535")
        precondition(maxBodyBytes > 0 && pageSize > 0, "limits are positive")
        self.host = host
        self.port = port
        self.token = token
        self.allowedHosts = allowedHosts
        self.profile = profile
        self.maxBodyBytes = maxBodyBytes
        self.pageSize = pageSize
    }

    /// Whether `host` is a loopback address or name: only this machine can reach the server.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Whether the server binds a loopback address.
    public var isLoopback: Bool { Self.isLoopback(host) }
}
