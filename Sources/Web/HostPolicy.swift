/// Which `Host` headers the server answers to, against DNS rebinding: a page of another site whose name was made
/// to resolve to this machine sends its own name, and is refused.
///
/// Accepted: the bound address itself; `localhost`, `127.0.0.1` and `[::1]` when bound to loopback; the names given
/// with `--allow-host`; and, when bound to every address (`0.0.0.0`, `::`), any IP literal (a rebinding attack
/// needs a name). The port must be the bound one (or absent for port 80).
struct HostPolicy: Sendable {
    let boundHost: String
    let names: Set<String>
    let acceptsAnyAddress: Bool

    init(boundHost: String, allowedHosts: [String]) {
        let bound = Self.normalized(boundHost)
        self.boundHost = bound
        var names = Set(allowedHosts.map(Self.normalized))
        names.insert(bound)
        if ServeConfiguration.isLoopback(boundHost) { names.formUnion(["localhost", "127.0.0.1", "[::1]"]) }
        self.names = names
        acceptsAnyAddress = bound == "0.0.0.0" || bound == "[::]"
    }

    /// Whether a request with this `Host` header is for this server listening on `port`.
    func accepts(_ header: String?, port: Int) -> Bool {
        guard let header, !header.isEmpty, header.utf8.count <= 300 else { return false }
        var host = Substring(header)
        var givenPort: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: close)...]
            host = host[...close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()) else { return false }
                givenPort = number
            }
        } else if let colon = host.lastIndex(of: ":") {
            guard let number = Int(host[host.index(after: colon)...]) else { return false }
            givenPort = number
            host = host[..<colon]
        }
        guard (givenPort ?? 80) == port else { return false }
        let name = Self.normalized(String(host))
        if names.contains(name) { return true }
        return acceptsAnyAddress && Self.isIPLiteral(name)
    }

    /// Lowercased, without a trailing dot, IPv6 in brackets.
    static func normalized(_ host: String) -> String {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name.contains(":") && !name.hasPrefix("[") { name = "[" + name + "]" }
        return name
    }

    /// An IPv4 literal (`192.168.1.5`) or a bracketed IPv6 literal.
    static func isIPLiteral(_ host: String) -> Bool {
        if host.hasPrefix("[") && host.hasSuffix("]") {
            return host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}
