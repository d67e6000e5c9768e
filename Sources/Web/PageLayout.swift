import Foundation
import PaperRadarCore
import Pipeline
import Reports

/// The frame of every page: the reports' stylesheet plus the app's, the navigation with a search box, the
/// page's content, and the one small inline script (progressive enhancement: ratings without a reload; every
/// page works without it).
enum PageLayout {
    /// The pages the navigation links.
    enum Section: String, CaseIterable {
        case digests, search, topics, readingList, settings

        var title: String {
            switch self {
            case .digests: "Digests"
            case .search: "Search"
            case .topics: "Topics"
            case .readingList: "Reading list"
            case .settings: "Settings"
            }
        }

        var path: String {
            switch self {
            case .digests: "/digests"
            case .search: "/search"
            case .topics: "/topics"
            case .readingList: "/reading-list"
            case .settings: "/settings"
            }
        }
    }

    /// A whole page.
    static func page(
        title: String, section: Section?, body: Markup, context: WebContext, app: WebApp, query: String = "",
        feed: (title: String, path: String)? = nil
    ) -> String {
        var nav: Markup = "<nav class=\"top\" aria-label=\"Main\"><a class=\"brand\" href=\"/\">PaperRadar</a><ul>"
        for item in Section.allCases {
            let current: Markup = item == section ? " aria-current=\"page\"" : ""
            nav += "<li><a href=\"\(item.path)\"\(current)>\(item.title)</a></li>"
        }
        nav += "</ul>"
        nav += """
            <form class="search" method="get" action="/search" role="search">\
            <input type="search" name="q" value="\(query)" placeholder="Search titles and abstracts" \
            aria-label="Search titles and abstracts"><button type="submit">Search</button></form>
            """
        if app.configuration.token != nil {
            nav += """
                <form class="logout" method="post" action="/logout">\(csrfField(context))\
                <button type="submit" class="link">Log out</button></form>
                """
        }
        nav += "</nav>\n"
        var feedLink: Markup = ""
        if let feed {
            feedLink = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(feed.title)\" href=\"\(feed.path)\">\n"
        }
        var page: Markup = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="generator" content="\(PaperRadarVersion.generator)">
            <meta name="referrer" content="same-origin">
            <title>\(title.singleLine) · PaperRadar</title>
            \(feedLink)<style>
            \(Markup(trusted: HTMLStyle.css))
            \(Markup(trusted: style))
            </style>
            </head>
            <body>
            \(nav)<main>

            """
        page += body
        page += "<p class=\"foot muted\">Profile <b>\(app.profileName)</b> · \(PaperRadarVersion.generator)</p>\n"
        page += "</main>\n<script>\(Markup(trusted: script))</script>\n</body>\n</html>\n"
        return page.text
    }

    /// The hidden CSRF field every form carries.
    static func csrfField(_ context: WebContext) -> Markup {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(context.csrfToken)\">"
    }

    /// The page's own styles: navigation, buttons, forms, highlights.
    static let style = """
        nav.top{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px;padding:10px 20px;\
        border-bottom:1px solid var(--border);background:var(--panel)}
        nav.top .brand{font-weight:700;color:var(--fg)}
        nav.top ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:0;padding:0}
        nav.top a[aria-current]{color:var(--fg);font-weight:600;text-decoration:underline}
        form.search{display:flex;gap:6px;flex:1 1 240px;max-width:420px;margin-left:auto}
        form.search input{flex:1;min-width:0}
        input,textarea,select,button{font:inherit;color:inherit}
        input[type=search],input[type=text],input[type=date],input[type=number],input[type=password],textarea,select{\
        background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:5px 8px;max-width:100%}
        textarea{width:100%;min-height:4.5em}
        button{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:4px 12px;cursor:pointer}
        button:hover{border-color:var(--link)}
        button.link{border:0;background:none;color:var(--link);padding:0}
        form.logout{margin:0}
        .actions{display:flex;flex-wrap:wrap;gap:6px;margin:.6em 0 0}
        .actions button{font-size:.85rem;padding:2px 10px}
        .actions button[aria-pressed=true]{background:var(--new-bg);border-color:var(--new);color:var(--new);font-weight:600}
        .actions button.dislike[aria-pressed=true]{background:var(--warn-bg);border-color:var(--warn);color:var(--warn)}
        .actions .status{font-size:.8rem;color:var(--muted);align-self:center}
        mark{background:#fff3a3;color:inherit;border-radius:2px;padding:0 1px}
        @media (prefers-color-scheme:dark){mark{background:#5c4a00}}
        .filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;margin:12px 0}
        .filters label,.field label{display:block;font-size:.8rem;color:var(--muted)}
        .field{margin:14px 0}
        .field .hint{font-size:.8rem;color:var(--muted);margin:.2em 0}
        .field.invalid textarea,.field.invalid input{border-color:var(--c2)}
        .error{border-left:4px solid var(--c2);background:var(--warn-bg);padding:8px 14px;border-radius:0 8px 8px 0}
        .notice{border-left:4px solid var(--new);background:var(--new-bg);padding:8px 14px;border-radius:0 8px 8px 0}
        .pager{display:flex;gap:16px;margin:16px 0}
        .snippet{font-size:.92rem;margin:.4em 0}
        .abstract{white-space:pre-line}
        .foot{margin-top:40px;font-size:.8rem}
        .paper.dismissed{opacity:.45}
        @media (max-width:640px){nav.top{padding:8px 12px}form.search{max-width:none;margin-left:0}}
        """

    /// Ratings without a reload: a rating form is posted with fetch, its buttons follow the answer, and a
    /// "not interested" item fades. Without JavaScript the form posts and the server redirects back.
    static let script = """
        document.addEventListener("submit",async e=>{const f=e.target;if(!f.classList||!f.classList.contains("rate"))return;\
        e.preventDefault();const b=e.submitter;const d=new URLSearchParams(new FormData(f));if(b&&b.name)d.set(b.name,b.value);\
        const s=f.querySelector(".status");try{const r=await fetch(f.getAttribute("action"),{method:"POST",body:d,\
        headers:{"Accept":"application/json"},credentials:"same-origin"});if(!r.ok)throw new Error(r.status);\
        const j=await r.json();for(const k of ["like","dislike","save"]){const x=f.querySelector("button."+k);\
        if(!x)continue;const on=j[k==="like"?"liked":k==="dislike"?"disliked":"saved"];x.setAttribute("aria-pressed",on);\
        x.value=on?"un"+k:k;x.textContent=on?x.dataset.on:x.dataset.off}\
        const c=f.closest(".paper");if(c)c.classList.toggle("dismissed",!!j.disliked&&f.dataset.dismiss==="1");\
        if(s)s.textContent="Saved to profile "+j.profile}catch(err){if(s)s.textContent="Could not save: "+err.message}});
        """

    /// The script's hash as CSP writes it.
    static let scriptHash: String = {
        let hex = SHA256.hexDigest(script)
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }()
}
