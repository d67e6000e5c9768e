import Foundation
import Hummingbird

/// The app's pages and actions.
enum WebRoutes {
    static func router(_ app: WebApp) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityMiddleware(app: app))
        router.get("/") { request, context in try await app.digestsPage(request, context) }
        router.get("/digests") { request, context in try await app.digestsPage(request, context) }
        router.get("/digests/:id") { request, context in
            try await app.digestPage(request, context, id: context.parameters.get("id") ?? "")
        }
        router.get("/paper/**") { request, context in
            let raw = context.parameters.getCatchAll().joined(separator: "/")
            return try await app.paperPage(request, context, id: raw.removingPercentEncoding ?? raw)
        }
        router.get("/search") { request, context in try await app.searchPage(request, context) }
        router.get("/topics") { request, context in try await app.topicsPage(request, context) }
        router.get("/topics/:id") { request, context in
            try await app.topicPage(request, context, id: context.parameters.get("id") ?? "")
        }
        router.get("/reading-list") { request, context in try await app.readingListPage(request, context) }
        router.get("/settings") { request, context in try await app.settingsPage(request, context) }
        router.post("/settings") { request, context in try await app.saveSettings(request, context) }
        router.get("/profile.toml") { request, context in try await app.profileFile(request, context) }
        router.post("/rate") { request, context in try await app.rate(request, context) }
        router.get("/feed.atom") { request, context in try await app.readingListFeed(request, context) }
        router.get("/digests.atom") { request, context in try await app.digestsFeed(request, context) }
        router.get("/healthz") { request, context in try await app.health(request, context) }
        // Browsers ask for it on every first visit; there is none, and a 404 would only fill their logs.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/login") { request, context in
            app.loginPage(context, next: context.query["next"], message: nil, status: .ok)
        }
        router.post("/login") { request, context in try await app.login(request, context) }
        router.post("/logout") { request, context in try await app.logout(request, context) }
        return router
    }
}
