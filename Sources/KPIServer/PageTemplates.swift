import Mustache

/// The web pages' Mustache templates: one layout, and a page for each screen filling its
/// `content` block. Every text comes from the data (in the page's language); forms carry the
/// session's CSRF token; nothing needs JavaScript.
enum PageTemplates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all { try library.register(text, named: name) }
        return library
    }

    static let all: [(String, String)] = [("layout", layout), ("login", login), ("scorecard", scorecard), ("explain", explain),
                                          ("team", team), ("periods", periods), ("message", message)]

    static let layout = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · kpi</title>
    <style>
    body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1d2733; background: #f4f6f9; }
    header { background: #1f4e78; color: #fff; padding: 10px 16px; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; }
    header a, header button { color: #fff; text-decoration: none; background: none; border: 0; font: inherit; cursor: pointer; padding: 0; }
    header .who { margin-left: auto; opacity: .85; }
    main { max-width: 980px; margin: 0 auto; padding: 16px; }
    h1 { font-size: 1.3em; margin: .2em 0 .6em; }
    h2 { font-size: 1.05em; margin: 1.4em 0 .5em; }
    .card { background: #fff; border-radius: 8px; padding: 14px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 14px; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: .95em; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e8ef; vertical-align: middle; }
    th { background: #eef2f7; font-weight: 600; white-space: nowrap; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    .summary { display: flex; flex-wrap: wrap; gap: 18px; font-size: 1.05em; }
    .summary b { font-size: 1.4em; }
    .grade { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 4px; font-weight: 700; padding: 0 4px; }
    .grade-S { background: #c6efce; color: #006100; } .grade-A { background: #e2f0d9; color: #1f6f43; }
    .grade-C { background: #ffeb9c; color: #9c5700; } .grade-D { background: #ffc7ce; color: #9c0006; }
    .note { color: #5a6675; font-size: .9em; }
    .error { background: #ffe3e3; color: #8a1020; padding: 8px 12px; border-radius: 6px; }
    .ok { background: #e2f0d9; color: #1f6f43; padding: 8px 12px; border-radius: 6px; }
    form.inline { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    input, select, button.primary { font: inherit; padding: 5px 8px; border: 1px solid #b8c2cf; border-radius: 4px; }
    button.primary { background: #1f4e78; color: #fff; border-color: #1f4e78; cursor: pointer; }
    @media (max-width: 640px) { .wide { display: none; } main { padding: 8px; } th, td { padding: 5px 4px; } }
    </style>
    </head>
    <body>
    {{#signedIn}}
    <header>
      <a href="/">{{nav.me}}</a>
      {{#nav.team}}<a href="/team">{{.}}</a>{{/nav.team}}
      {{#nav.periods}}<a href="/periods">{{.}}</a>{{/nav.periods}}
      <span class="who">{{who}}</span>
      <a href="?lang={{otherLang}}">{{otherLangName}}</a>
      <form method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button>{{nav.logout}}</button></form>
    </header>
    {{/signedIn}}
    <main>
    {{$content}}{{/content}}
    </main>
    </body>
    </html>
    """

    static let login = """
    {{<layout}}{{$content}}
    <div class="card" style="max-width: 360px; margin: 40px auto;">
      <h1>{{title}}</h1>
      {{#error}}<p class="error">{{.}}</p>{{/error}}
      <form method="post" action="/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>{{labels.login}}<br><input name="login" autocomplete="username" required style="width: 100%"></label></p>
        <p><label>{{labels.password}}<br><input name="password" type="password" autocomplete="current-password" required style="width: 100%"></label></p>
        <p><button class="primary" type="submit">{{labels.submit}}</button> <a href="?lang={{otherLang}}">{{otherLangName}}</a></p>
      </form>
    </div>
    {{/content}}{{/layout}}
    """

    static let scorecard = """
    {{<layout}}{{$content}}
    <h1>{{title}}</h1>
    <div class="card">
      <p class="note">{{heading}}</p>
      <div class="summary">
        <span>{{labels.total}} <b>{{total}}</b></span>
        <span>{{labels.grade}} <span class="grade grade-{{grade}}">{{grade}}</span>{{#rawGrade}} <span class="note">({{labels.raw}} {{.}})</span>{{/rawGrade}}</span>
        <span>{{labels.coefficient}} <b>{{coefficient}}</b></span>
        {{#bonus}}<span>{{labels.bonus}} <b>{{amount}}</b> <span class="note">{{pool}}</span></span>{{/bonus}}
      </div>
    </div>
    {{#segments}}
    <div class="card"><h2>{{heading}}</h2>
    <table><tr><th>{{labels.kpi}}</th><th class="num">{{labels.score}}</th><th class="num">{{labels.weight}}</th></tr>
    {{#lines}}<tr><td>{{name}}</td><td class="num">{{score}}</td><td class="num">{{weight}}</td></tr>{{/lines}}
    </table></div>
    {{/segments}}
    <div class="card">
    <table>
      <tr><th>{{labels.kpi}}</th><th class="num">{{labels.value}}</th><th class="num">{{labels.score}}</th><th class="wide"></th><th class="num">{{labels.weight}}</th><th class="num wide">{{labels.weighted}}</th></tr>
      {{#lines}}
      <tr>
        <td><a href="{{explain}}">{{name}}</a></td>
        <td class="num">{{value}}</td>
        <td class="num">{{score}}</td>
        <td class="wide"><svg width="160" height="12" role="img" aria-label="{{score}}"><rect width="160" height="12" fill="#eef2f7"/><rect width="{{bar}}" height="12" fill="#2e75b6"/><line x1="{{target}}" x2="{{target}}" y1="0" y2="12" stroke="#9c5700"/></svg></td>
        <td class="num">{{weight}}</td>
        <td class="num wide">{{weighted}}</td>
      </tr>
      {{/lines}}
    </table>
    <p class="note">{{labels.explainHint}}</p>
    </div>
    {{^empty(comments)}}<div class="card"><h2>{{labels.comments}}</h2>{{#comments}}<p>{{kpi}}: {{comment}} <span class="note">— {{rater}}</span></p>{{/comments}}</div>{{/empty(comments)}}
    <div class="card"><h2>{{labels.conversation}}</h2>
      {{#calibration}}<p>{{.}}</p>{{/calibration}}
      {{#objections}}<p>#{{id}} {{kpi}}: {{reason}} — <b>{{status}}</b>{{#resolution}}: {{.}}{{/resolution}}</p>{{/objections}}
      {{#confirmation}}<p class="note">{{.}}</p>{{/confirmation}}
      {{#mine}}
      <form class="inline" method="post" action="/confirm"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="period" value="{{period}}">
        <button class="primary">{{labels.confirm}}</button></form>
      <form method="post" action="/object"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="period" value="{{period}}">
        <select name="kpi">{{#kpis}}<option value="{{id}}">{{name}}</option>{{/kpis}}</select>
        <input name="reason" required size="24" placeholder="{{labels.reason}}"> <button>{{labels.object}}</button></form>
      {{/mine}}
    </div>
    {{#trend}}
    <div class="card"><h2>{{labels.trend}}</h2>
      <svg viewBox="0 0 {{width}} 90" width="100%" height="110" role="img" aria-label="{{labels.trend}}">
        <polyline points="{{points}}" fill="none" stroke="#2e75b6" stroke-width="2"/>
        {{#dots}}<circle cx="{{x}}" cy="{{y}}" r="3" fill="#1f4e78"><title>{{month}} {{total}}</title></circle><text x="{{x}}" y="88" font-size="9" text-anchor="middle">{{label}}</text>{{/dots}}
      </svg>
      <table class="wide"><tr>{{#dots}}<th class="num">{{month}}</th>{{/dots}}</tr><tr>{{#dots}}<td class="num">{{total}}</td>{{/dots}}</tr></table>
    </div>
    {{/trend}}
    {{/content}}{{/layout}}
    """

    static let explain = """
    {{<layout}}{{$content}}
    <h1>{{title}}</h1>
    <div class="card">
      <p class="note">{{heading}}</p>
      {{#formula}}<p>{{labels.formula}}: <code>{{.}}</code> <span class="note">({{scope}})</span></p>{{/formula}}
      {{^empty(measures)}}<table><tr><th>{{labels.measure}}</th><th class="num">{{labels.value}}</th><th class="wide"></th></tr>
      {{#measures}}<tr><td><code>{{key}}</code></td><td class="num">{{value}}</td><td class="wide note">{{meaning}}</td></tr>{{/measures}}</table>{{/empty(measures)}}
      {{#rating}}<p>{{.}}</p>{{/rating}}
      <p>{{labels.value}}: <b>{{value}}</b></p>
      <p>{{labels.scoring}}: {{narration}}</p>
      <p>{{labels.weight}}: {{weight}} → {{labels.weighted}} {{weighted}}</p>
      {{#segments}}<p class="note">{{.}}</p>{{/segments}}
    </div>
    {{#records}}
    <div class="card"><h2>{{title}}: {{total}}</h2>
      {{^empty(rows)}}<table><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</table>{{/empty(rows)}}
    </div>
    {{/records}}
    <p><a href="{{back}}">← {{labels.back}}</a></p>
    {{/content}}{{/layout}}
    """

    static let team = """
    {{<layout}}{{$content}}
    <h1>{{title}}</h1>
    {{#flash}}<p class="{{kind}}">{{text}}</p>{{/flash}}
    <div class="card"><div class="summary">{{#grades}}<span><span class="grade grade-{{grade}}">{{grade}}</span> {{count}}</span>{{/grades}}</div></div>
    <div class="card">
    <table>
      <tr><th class="num">{{labels.rank}}</th><th>{{labels.name}}</th><th class="wide">{{labels.role}}</th><th class="num">{{labels.total}}</th><th>{{labels.grade}}</th><th>{{labels.rate}}</th></tr>
      {{#rows}}
      <tr>
        <td class="num">{{rank}}</td>
        <td><a href="{{link}}">{{name}}</a> <span class="note">{{employee}}</span></td>
        <td class="wide">{{role}}</td>
        <td class="num">{{total}}</td>
        <td><span class="grade grade-{{grade}}">{{grade}}</span></td>
        <td>{{^empty(rated)}}<form class="inline" method="post" action="/team/rate">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="employee" value="{{employee}}"><input type="hidden" name="period" value="{{period}}">
          <select name="kpi">{{#rated}}<option value="{{id}}">{{name}}</option>{{/rated}}</select>
          <input name="score" inputmode="decimal" size="4" required aria-label="{{labels.score}}">
          <input name="comment" size="10" placeholder="{{labels.comment}}">
          <button class="primary">{{labels.rate}}</button></form>{{/empty(rated)}}
          {{#calibrate}}<form class="inline" method="post" action="/team/calibrate">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="employee" value="{{employee}}"><input type="hidden" name="period" value="{{period}}">
          <select name="grade" aria-label="{{labels.grade}}">{{#grades}}<option{{#selected}} selected{{/selected}}>{{grade}}</option>{{/grades}}</select>
          <input name="reason" size="10" required placeholder="{{labels.reason}}">
          <label class="note"><input type="checkbox" name="force"> {{labels.force}}</label>
          <button>{{labels.calibrate}}</button></form>{{/calibrate}}</td>
      </tr>
      {{/rows}}
    </table>
    </div>
    {{^empty(objections)}}<div class="card"><h2>{{labels.objections}}</h2>
    {{#objections}}<p>#{{id}} {{name}} · {{kpi}}: {{reason}} — <b>{{status}}</b>{{#resolution}}: {{.}}{{/resolution}}</p>
      {{#open}}<form method="post" action="/objections/{{id}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="period" value="{{period}}">
        <input name="reason" required size="20" placeholder="{{labels.reason}}"> <input name="score" inputmode="decimal" size="6" placeholder="{{labels.newScore}}">
        <button class="primary" name="decision" value="accept">{{labels.accept}}</button> <button name="decision" value="reject">{{labels.reject}}</button></form>{{/open}}
    {{/objections}}</div>{{/empty(objections)}}
    {{/content}}{{/layout}}
    """

    static let periods = """
    {{<layout}}{{$content}}
    <h1>{{title}}</h1>
    {{#flash}}<p class="{{kind}}">{{text}}</p>{{/flash}}
    <div class="card">
    <table>
      <tr><th>{{labels.period}}</th><th>{{labels.status}}</th><th class="num">{{labels.runs}}</th><th class="wide">{{labels.lastRun}}</th><th>{{labels.waiting}}</th><th></th></tr>
      {{#rows}}
      <tr>
        <td>{{period}}</td><td>{{status}}</td><td class="num">{{runs}}</td><td class="wide">{{lastRun}}</td><td class="note">{{waiting}}</td>
        <td><form class="inline" method="post" action="/periods/{{period}}">
          <input type="hidden" name="csrf" value="{{csrf}}">
          {{#open}}<button class="primary" name="action" value="run">{{labels.run}}</button>{{#ran}} <input name="reason" size="14" placeholder="{{labels.forceReason}}"> <button name="action" value="close">{{labels.close}}</button>{{/ran}}{{/open}}
          {{#ran}} <a href="/api/v1/export?period={{period}}">{{labels.download}}</a>{{/ran}}
        </form></td>
      </tr>
      {{/rows}}
    </table>
    </div>
    {{/content}}{{/layout}}
    """

    static let message = """
    {{<layout}}{{$content}}
    <div class="card"><h1>{{title}}</h1><p class="error">{{text}}</p><p><a href="/">← {{back}}</a></p></div>
    {{/content}}{{/layout}}
    """
}
