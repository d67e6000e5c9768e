import Testing

@testable import Web

@Suite struct HostPolicyTests {
    @Test func loopbackAnswersToItsNamesOnItsPort() {
        let policy = HostPolicy(boundHost: "127.0.0.1", allowedHosts: [])
        #expect(policy.accepts("127.0.0.1:8547", port: 8547))
        #expect(policy.accepts("localhost:8547", port: 8547))
        #expect(policy.accepts("LOCALHOST.:8547", port: 8547))
        #expect(policy.accepts("[::1]:8547", port: 8547))
        #expect(!policy.accepts("127.0.0.1:8548", port: 8547), "another port")
        #expect(!policy.accepts("evil.example:8547", port: 8547), "a rebinding name")
        #expect(!policy.accepts("127.0.0.1.evil.example:8547", port: 8547))
        #expect(!policy.accepts("localhost", port: 8547), "no port means 80")
        #expect(policy.accepts("localhost", port: 80))
        #expect(!policy.accepts(nil, port: 8547))
        #expect(!policy.accepts("", port: 8547))
        #expect(!policy.accepts("localhost:x", port: 8547))
    }

    @Test func everyAddressAcceptsIPLiteralsAndAllowedNamesOnly() {
        let policy = HostPolicy(boundHost: "0.0.0.0", allowedHosts: ["papers.lan"])
        #expect(policy.accepts("192.168.1.20:8547", port: 8547))
        #expect(policy.accepts("[fe80::1]:8547", port: 8547))
        #expect(policy.accepts("papers.lan:8547", port: 8547))
        #expect(!policy.accepts("evil.example:8547", port: 8547))
        #expect(!policy.accepts("localhost:8547", port: 8547), "only the names given")
        let one = HostPolicy(boundHost: "192.168.1.20", allowedHosts: [])
        #expect(one.accepts("192.168.1.20:9000", port: 9000))
        #expect(!one.accepts("192.168.1.21:9000", port: 9000), "a specific address answers to itself")
    }

    @Test func loopbackIsRecognised() {
        #expect(ServeConfiguration.isLoopback("127.0.0.1"))
        #expect(ServeConfiguration.isLoopback("127.1.2.3"))
        #expect(ServeConfiguration.isLoopback("::1"))
        #expect(ServeConfiguration.isLoopback("localhost"))
        #expect(!ServeConfiguration.isLoopback("0.0.0.0"))
        #expect(!ServeConfiguration.isLoopback("192.168.1.2"))
        #expect(!ServeConfiguration.isLoopback("127.0.0.1.evil.example"))
    }
}

@Suite struct FormAndCredentialTests {
    @Test func formsDecodePlusAndPercentEscapes() {
        let fields = FormFields(encoded: "q=retrieval+augmented%20generation&topic=3&empty=&x=%E6%95%B0%ZZ&q=second")
        #expect(fields["q"] == "retrieval augmented generation")
        #expect(fields.values("q") == ["retrieval augmented generation", "second"])
        #expect(fields["topic"] == "3")
        #expect(fields["empty"] == "")
        #expect(fields.trimmed("empty") == nil)
        #expect(fields["x"] == "数%ZZ")
        #expect(fields["missing"] == nil)
        #expect(FormFields.encode("a b/é&") == "a%20b%2F%C3%A9%26")
        #expect(FormFields.query([("q", "a b"), ("from", nil), ("to", "")]) == "?q=a%20b")
    }

    @Test func credentialsCompareWholeValues() {
        let token = Credentials.randomToken()
        #expect(token.count == 64 && Credentials.isWellFormed(token))
        #expect(token != Credentials.randomToken())
        #expect(Credentials.same(token, token))
        #expect(!Credentials.same(token, String(token.dropLast())))
        #expect(!Credentials.same(token, ""))
        #expect(Credentials.session(for: token) != token)
        #expect(!Credentials.isWellFormed("short"))
        #expect(!Credentials.isWellFormed("has a space in it, long enough"))
    }

    @Test func onlyLocalPathsAreRedirectTargets() {
        #expect(WebApp.localPath("/digests/1#paper-2611.00001") == "/digests/1#paper-2611.00001")
        #expect(WebApp.localPath("//evil.example/") == nil)
        #expect(WebApp.localPath("https://evil.example/") == nil)
        #expect(WebApp.localPath("/\\evil.example") == nil)
        #expect(WebApp.localPath("/a\nb") == nil)
        #expect(WebApp.localPath(nil) == nil)
    }
}
