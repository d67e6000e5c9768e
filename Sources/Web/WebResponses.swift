import HTTPTypes
import Hummingbird
import NIOCore

/// Responses of the web app: HTML pages, JSON documents, feeds, redirects; every one with the same security headers.
enum WebResponses {
    /// What a page may load: its own inline styles, the one inline script (by hash), forms posting to itself.
    static func contentSecurityPolicy(scriptHash: String) -> String {
        "default-src 'none'; style-src 'unsafe-inline'; script-src '\(scriptHash)'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, status: status, contentType: "text/html; charset=utf-8")
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, status: status, contentType: "application/json; charset=utf-8")
    }

    static func atom(_ text: String) -> Response {
        body(text, status: .ok, contentType: "application/atom+xml; charset=utf-8")
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, status: status, contentType: contentType)
    }

    /// A `303 See Other` to a path of this server.
    static func redirect(to location: String) -> Response {
        var response = Response(status: .seeOther)
        response.headers[.location] = location
        response.headers[.contentLength] = "0"
        return response
    }

    private static func body(_ text: String, status: HTTPResponse.Status, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        let buffer = ByteBuffer(string: text)
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// Adds the headers every response carries: CSP, no sniffing, no framing, no referrer, no caching.
    static func secured(_ response: inout Response, scriptHash: String) {
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy(scriptHash: scriptHash)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[values: HTTPField.Name("X-Frame-Options")!] = ["DENY"]
        response.headers[values: HTTPField.Name("Referrer-Policy")!] = ["same-origin"]
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    }
}
