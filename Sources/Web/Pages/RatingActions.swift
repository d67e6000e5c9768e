import Foundation
import Hummingbird
import PaperRadarCore
import Reports
import Store

extension WebApp {
    /// `POST /rate` with `id`, `action` (`like`, `dislike`, `save`, or `unlike`, `undislike`, `unsave`) and
    /// `return`: changes the reader's rating of a paper. Answers JSON (the paper's rating now) or sends the
    /// browser back to `return`.
    func rate(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let raw = context.form.trimmed("id"), let id = ArxivID.parse(raw)?.id else {
            throw WebRefusal(.badRequest, "Which paper?", "The form names no arXiv id (field id).")
        }
        guard try store.paper(id: id) != nil else {
            throw WebRefusal(.notFound, "Paper not in the store", "The store has no paper \(id.rawValue) to rate.")
        }
        let action = context.form["action"] ?? ""
        switch action {
        case "like": try store.rate([id], .like, profile: profileName)
        case "dislike": try store.rate([id], .dislike, profile: profileName)
        case "save": try store.rate([id], .save, profile: profileName)
        case "unlike": try store.unrate([id], kinds: [.like], profile: profileName)
        case "undislike": try store.unrate([id], kinds: [.dislike], profile: profileName)
        case "unsave": try store.unrate([id], kinds: [.save], profile: profileName)
        default:
            throw WebRefusal(
                .badRequest, "Unknown action",
                "“\(action)” is not a rating action: use like, dislike, save, unlike, undislike or unsave.")
        }
        let rating = try ratings()[id] ?? PaperReport.Rating()
        if context.wantsJSON {
            let json = """
                {"kind":"rating","id":\(Self.jsonString(id.rawValue)),"profile":\(Self.jsonString(profileName)),\
                "liked":\(rating.liked),"disliked":\(rating.disliked),"saved":\(rating.saved),"schemaVersion":\(ReportJSON.schemaVersion)}

                """
            return WebResponses.json(json)
        }
        return WebResponses.redirect(to: Self.localPath(context.form["return"]) ?? PaperLinks.paper(id.rawValue))
    }

    /// A path of this server to send the browser to (`/…`, never `//host` or a scheme), or nil.
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"), text.utf8.count <= 2000,
            text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { return nil }
        return text
    }

    /// A string as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `/healthz`: whether the app answers, and what it serves.
    func health(_ request: Request, _ context: WebContext) async throws -> Response {
        let space = keeper.published
        let json = """
            {"kind":"health","status":"ok","papers":\(try store.paperCount()),\
            "model":\(space.map { Self.jsonString($0.modelHash) } ?? "null"),\
            "spacePapers":\(space?.count ?? 0),"profile":\(Self.jsonString(profileName)),\
            "schemaVersion":\(ReportJSON.schemaVersion)}

            """
        return WebResponses.json(json)
    }
}
