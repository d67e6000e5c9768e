import Hummingbird

/// The request context of the web app: what the security middleware established about the request.
struct WebContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The CSRF token forms of this response carry (the browser's cookie, or a new one set with the response).
    var csrfToken = ""
    /// Whether the CSRF cookie must be set with the response (the browser had none).
    var issuesCSRFCookie = false
    /// The request's form fields (URL query, then the body for a form POST).
    var query = FormFields()
    var form = FormFields()
    /// Whether the response is JSON (`?format=json` or an `Accept` that prefers it).
    var wantsJSON = false

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
