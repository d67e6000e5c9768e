import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Pipeline
import Store

/// Every request goes through here first: the `Host` header is checked (DNS rebinding), the body is limited, the
/// token is required when the server has one (a session cookie or `Authorization: Bearer`), and every POST must
/// carry the page's CSRF token (or come with the bearer token); every response gets the security headers, and
/// every error becomes a page (or a JSON document) that says what went wrong and what to do.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    func handle(
        _ input: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        var request = input
        var context = context
        context.query = FormFields(encoded: request.uri.query ?? "")
        context.wantsJSON = Self.wantsJSON(request, query: context.query)
        let cookies = request.cookies
        if let csrf = cookies[WebApp.csrfCookie]?.value, Credentials.isWellFormed(csrf) {
            context.csrfToken = csrf
        } else {
            context.csrfToken = Credentials.randomToken()
            context.issuesCSRFCookie = true
        }
        var response: Response
        do {
            try await check(&request, &context, cookies: cookies)
            response = try await next(request, context)
        } catch let refusal as WebRefusal {
            if refusal.status == .unauthorized && !context.wantsJSON {
                let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                response = app.loginPage(context, next: target, message: refusal.message, status: .unauthorized)
            } else {
                response = app.errorResponse(refusal, context)
            }
        } catch is NIOTooManyBytesError {
            response = app.errorResponse(Self.tooLarge(app.configuration.maxBodyBytes), context)
        } catch let error as HTTPError {
            response = app.errorResponse(
                error.status == .notFound
                    ? WebRefusal(.notFound, "Page not found", "There is no page at \(request.uri.path).")
                    : WebRefusal(error.status, error.status.reasonPhrase, error.body ?? error.status.reasonPhrase),
                context)
        } catch let error as PipelineError {
            response = app.errorResponse(WebRefusal(.internalServerError, "Cannot do this now", error.message), context)
        } catch let error as StoreError {
            response = app.errorResponse(WebRefusal(.internalServerError, "The store failed", error.message), context)
        } catch {
            app.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = app.errorResponse(
                WebRefusal(.internalServerError, "Something went wrong", "The server logged the error; try again."),
                context)
        }
        if context.issuesCSRFCookie {
            response.headers.append(
                HTTPField(
                    name: .setCookie, value: "\(WebApp.csrfCookie)=\(context.csrfToken); Path=/; HttpOnly; SameSite=Strict"))
        }
        WebResponses.secured(&response, scriptHash: app.scriptHash)
        return response
    }

    /// The checks, in order: host, body size, token, CSRF. Reads a form body into `context.form`.
    private func check(_ request: inout Request, _ context: inout WebContext, cookies: Cookies) async throws {
        let host = request.head.authority
        guard app.hosts.accepts(host, port: app.boundPort) else {
            throw WebRefusal(
                .forbidden, "Unknown host",
                "This server answers to \(app.configuration.host):\(app.boundPort)"
                    + (app.configuration.allowedHosts.isEmpty ? "" : " and \(app.configuration.allowedHosts.joined(separator: ", "))")
                    + ", not to “\(host ?? "")” (a page of another site pointing its name at this machine is refused; "
                    + "allow a name with --allow-host).")
        }
        let limit = app.configuration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw Self.tooLarge(limit) }
        var bearer = false
        if let token = app.configuration.token, !(request.uri.path == "/login") {
            if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
                guard Credentials.same(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), token)
                else {
                    throw WebRefusal(.unauthorized, "Wrong token", "The bearer token is not this server's token.")
                }
                bearer = true
            } else if let session = cookies[WebApp.sessionCookie]?.value,
                Credentials.same(session, Credentials.session(for: token))
            {
                bearer = false
            } else {
                throw WebRefusal(
                    .unauthorized, "Log in first",
                    "This server is reachable from other machines, so every request needs its token: log in with "
                        + "the form, or send Authorization: Bearer TOKEN.")
            }
        }
        guard request.method == .post else {
            if request.method != .get && request.method != .head {
                throw WebRefusal(.methodNotAllowed, "Method not allowed", "Pages are read with GET and changed with POST.")
            }
            return
        }
        let body = try await request.collectBody(upTo: limit)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            context.form = FormFields(encoded: String(buffer: body))
        }
        guard !bearer else { return }
        if let origin = request.headers[.origin], origin != "http://" + (host ?? "") {
            throw WebRefusal(
                .forbidden, "Form from another site",
                "This form was sent from \(origin), not from this server's pages: changes are accepted from its own "
                    + "pages only.")
        }
        let sent = context.form["csrf"] ?? request.headers[HTTPField.Name("X-CSRF-Token")!] ?? ""
        guard !context.issuesCSRFCookie, Credentials.same(sent, context.csrfToken) else {
            throw WebRefusal(
                .forbidden, "Form expired",
                "This form is stale or came from another site (its CSRF token does not match): reload the page and "
                    + "try again.")
        }
    }

    static func tooLarge(_ limit: Int) -> WebRefusal {
        WebRefusal(
            .contentTooLarge, "Request too large",
            "The request body is larger than this server accepts (\(limit / 1024) KB): forms are much smaller.")
    }

    /// JSON when `?format=json`, or when `Accept` names JSON and not HTML.
    static func wantsJSON(_ request: Request, query: FormFields) -> Bool {
        if let format = query["format"] { return format.lowercased() == "json" }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}
