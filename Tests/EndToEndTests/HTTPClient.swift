import Foundation
import TestSupport

/// A browser's memory for tests: cookies kept across requests.
final class Browser {
    let client: HTTPClient
    var cookies: [String: String] = [:]

    init(port: Int) { client = HTTPClient(port: port) }

    func get(_ path: String, headers: [String: String] = [:]) throws -> HTTPClient.Response {
        let response = try client.send("GET", path, headers: merged(headers))
        remember(response)
        return response
    }

    func post(_ path: String, form: [(String, String)], headers: [String: String] = [:]) throws -> HTTPClient.Response {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        var all = merged(headers)
        all["Content-Type"] = "application/x-www-form-urlencoded"
        let response = try client.send("POST", path, headers: all, body: body)
        remember(response)
        return response
    }

    /// The CSRF token the pages' forms carry.
    var csrf: String { cookies["paperradar_csrf"] ?? "" }

    private func merged(_ headers: [String: String]) -> [String: String] {
        var all = headers
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
}
