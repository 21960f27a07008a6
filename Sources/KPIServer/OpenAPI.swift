import Hummingbird
import KPIViews

/// `GET /api/v1/openapi.json`: every route of the API's table, described in OpenAPI 3.1.
enum OpenAPI {
    static func document(of routes: [APIRoute]) -> JSON {
        let paths = Dictionary(grouping: routes, by: \.path).sorted { $0.key < $1.key }.map { path, routes in
            (path, JSON.object(routes.map { route in (route.method.rawValue.lowercased(), operation(route)) }))
        }
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string("kpi")), ("version", .string("1")),
                              ("description", .string("Role and KPI appraisal: scorecards, teams, explanations, ratings. "
                                  + "Sign in with POST /api/v1/login, then send Authorization: Bearer TOKEN."))])),
            ("components", .object([("securitySchemes", .object([
                ("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))])),
                ("session", .object([("type", .string("apiKey")), ("in", .string("cookie")), ("name", .string(Identity.sessionCookie))])),
            ]))])),
            ("paths", .object(paths)),
        ])
    }

    private static func operation(_ route: APIRoute) -> JSON {
        let captured = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
        let parameters = captured.map { parameter($0, in: "path", required: true) } + route.query.map { parameter($0, in: "query", required: false) }
        var fields: [(String, JSON)] = [("summary", .string(route.summary)), ("parameters", .array(parameters))]
        if !route.body.isEmpty {
            let properties = route.body.map { ($0, JSON.object([("type", .string($0 == "score" ? "number" : "string"))])) }
            fields.append(("requestBody", .object([("required", .bool(true)), ("content", .object([("application/json", .object([
                ("schema", .object([("type", .string("object")), ("properties", .object(properties)), ("additionalProperties", .bool(false))])),
            ]))]))])))
        }
        fields.append(("responses", .object([
            (route.success, .object([("description", .string("success")), ("content", .object([(route.answers, .object([]))]))])),
            ("400", .object([("description", .string("bad input: the message says what to change"))])),
            ("401", .object([("description", .string("not signed in"))])),
            ("403", .object([("description", .string("not yours to see or do"))])),
        ])))
        fields.append(("security", route.open ? .array([]) : .array([.object([("bearer", .array([]))]), .object([("session", .array([]))])])))
        return .object(fields)
    }

    private static func parameter(_ name: String, in place: String, required: Bool) -> JSON {
        .object([("name", .string(name)), ("in", .string(place)), ("required", .bool(required)), ("schema", .object([("type", .string("string"))]))])
    }
}
