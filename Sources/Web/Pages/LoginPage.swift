import Foundation
import HTTPTypes
import Hummingbird
import Reports

extension WebApp {
    static let sessionCookie = "paperradar_session"
    static let csrfCookie = "paperradar_csrf"

    /// The login form (status 401 when shown because a page needed the token).
    func loginPage(_ context: WebContext, next: String?, message: String?, status: HTTPResponse.Status) -> Response {
        var body = HTMLParts.header(
            kind: "PaperRadar", title: "Log in",
            lede: "This server is reachable from other machines, so every request needs its token.")
        if let message { body += "<p class=\"error\" role=\"alert\">\(message)</p>\n" }
        body += """
            <form method="post" action="/login">\(PageLayout.csrfField(context))\
            <input type="hidden" name="next" value="\(Self.localPath(next) ?? "/")">
            <div class="field"><label for="token">Token</label>\
            <input type="password" id="token" name="token" autocomplete="current-password" size="40" required>\
            <p class="hint">The token given with --token, or the one generated in the store folder's \
            \(Credentials.tokenFileName) file. Scripts send it as Authorization: Bearer TOKEN.</p></div>
            <p><button type="submit">Log in</button></p>
            </form>

            """
        var page: Markup = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>Log in · PaperRadar</title>
            <style>
            \(Markup(trusted: HTMLStyle.css))
            \(Markup(trusted: PageLayout.style))
            </style>
            </head>
            <body>
            <main>

            """
        page += body
        page += "</main>\n</body>\n</html>\n"
        var response = WebResponses.html(page.text, status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"PaperRadar\"" }
        return response
    }

    /// `POST /login`: the token from the form; a session cookie and back to `next` when it is right.
    func login(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let token = configuration.token else { return WebResponses.redirect(to: "/") }
        let given = context.form["token"] ?? ""
        guard Credentials.same(given, token) else {
            logger.warning("a login with a wrong token was refused")
            return loginPage(
                context, next: context.form["next"], message: "That is not the token: try again.", status: .unauthorized)
        }
        var response = WebResponses.redirect(to: Self.localPath(context.form["next"]) ?? "/")
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: "\(Self.sessionCookie)=\(Credentials.session(for: token)); Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"))
        return response
    }

    /// `POST /logout`: forgets the session cookie.
    func logout(_ request: Request, _ context: WebContext) async throws -> Response {
        var response = WebResponses.redirect(to: configuration.token == nil ? "/" : "/login")
        response.headers.append(
            HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"))
        return response
    }

    /// An error page (or JSON document) saying what went wrong and what to do.
    func errorResponse(_ refusal: WebRefusal, _ context: WebContext) -> Response {
        if context.wantsJSON {
            let json = """
                {"kind":"error","status":\(refusal.status.code),"title":\(Self.jsonString(refusal.title)),\
                "message":\(Self.jsonString(refusal.message)),"schemaVersion":\(ReportJSON.schemaVersion)}

                """
            var response = WebResponses.json(json, status: refusal.status)
            if refusal.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"PaperRadar\"" }
            return response
        }
        var body = HTMLParts.header(
            kind: "\(refusal.status.code) \(refusal.status.reasonPhrase)", title: refusal.title, lede: nil)
        body += "<p class=\"error\" role=\"alert\">\(refusal.message)</p>\n"
        body += "<p><a href=\"/\">Back to the digests</a></p>\n"
        return WebResponses.html(
            PageLayout.page(title: refusal.title, section: nil, body: body, context: context, app: self),
            status: refusal.status)
    }
}
