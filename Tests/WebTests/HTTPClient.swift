import Foundation
import TestSupport

extension HTTPClient {
    /// ``send(_:_:headers:body:)`` on a thread of its own, so that waiting for the answer never holds a thread
    /// of the pool the server's handlers run on.
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil
    ) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try send(method, path, headers: headers, body: body) })
            }
        }
    }
}

/// A browser's memory for tests: cookies kept across requests, forms posted with the page's CSRF token.
final class Browser: @unchecked Sendable {
    let client: HTTPClient
    var cookies: [String: String] = [:]
    var extraHeaders: [String: String] = [:]

    // The server runs in the test process: while the whole suite runs, other suites can hold the process's
    // cooperative threads for minutes (the quality suite's fits), and the handlers wait for one. A server in its own
    // process is tested by the end-to-end tests; here the wait only has to end if the app is really hung.
    init(port: Int) { client = HTTPClient(port: port, timeout: 900) }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPClient.Response {
        let response = try await client.request("GET", path, headers: merged(headers))
        remember(response)
        return response
    }

    func post(_ path: String, form: [(String, String)], headers: [String: String] = [:]) async throws -> HTTPClient.Response {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var all = merged(headers)
        all["Content-Type"] = "application/x-www-form-urlencoded"
        let response = try await client.request("POST", path, headers: all, body: body)
        remember(response)
        return response
    }

    /// The CSRF token the pages' forms carry (the cookie the server set).
    var csrf: String { cookies["paperradar_csrf"] ?? "" }

    private func merged(_ headers: [String: String]) -> [String: String] {
        var all = extraHeaders.merging(headers) { $1 }
        if !cookies.isEmpty && all["Cookie"] == nil {
            all["Cookie"] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        return all
    }

    private func remember(_ response: HTTPClient.Response) {
        for (name, value) in response.setCookies {
            if value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
