import Testing
@testable import KPIStore

@Suite("Values as Excel and people write them")
struct ValueFormsTests {
    static func day(_ text: String) -> Day { Day(iso: text)! }

    static let written: [(String, ValueForms.Moment)] = {
        let october5 = day("2026-10-05"), morning = 9 * 3600 + 30 * 60
        var cases: [(String, ValueForms.Moment)] = []
        for text in ["2026-10-05", "2026/10/5", "2026.10.05", "2026年10月5日", "２０２６／１０／５"] {
            cases.append((text, .moment(october5, seconds: nil)))
        }
        cases.append(("2026-10-05 9:30", .moment(october5, seconds: morning)))
        cases.append(("2026/10/5 09:30:15", .moment(october5, seconds: morning + 15)))
        cases.append(("2026年10月5日 9:30", .moment(october5, seconds: morning)))
        cases.append(("45935", .moment(day("2025-10-05"), seconds: nil)))
        cases.append(("45935.375", .moment(day("2025-10-05"), seconds: 9 * 3600)))
        for text in ["05/10/2026", "10/05/2026"] { cases.append((text, .ambiguous)) }
        for text in ["2026-13-01", "2026-02-30", "2026-10-05 25:00", "2026-10-05 9:3", "12", "下周一"] { cases.append((text, .invalid)) }
        return cases
    }()

    @Test("dates and moments in every form; ambiguous and impossible ones refused", arguments: written)
    func moments(text: String, expected: ValueForms.Moment) {
        #expect(ValueForms.moment(text) == expected)
    }

    @Test("Excel serials: day 1 is 1900-01-01, Excel's 1900-02-29 skipped before March 1900")
    func serials() {
        #expect(ValueForms.excelSerial(1) == .moment(Self.day("1900-01-01"), seconds: nil))
        #expect(ValueForms.excelSerial(59) == .moment(Self.day("1900-02-28"), seconds: nil))
        #expect(ValueForms.excelSerial(61) == .moment(Self.day("1900-03-01"), seconds: nil))
        #expect(ValueForms.excelSerial(25_569) == .moment(Self.day("1970-01-01"), seconds: nil))
        #expect(ValueForms.excelSerial(0) == .invalid)
    }

    @Test("amounts with ¥, 元 and full-width digits; number cells to the fen; ambiguous commas refused", arguments: [
        ("¥1,234.50", Int64?(123_450)), ("￥1234.5元", 123_450), ("１，２３４．５０", 123_450), ("1,234", 123_400),
        ("12,34", nil), ("1.234,50", nil), ("¥", nil),
    ])
    func amounts(text: String, cents: Int64?) {
        #expect((ValueParser.cents(text) ?? ValueForms.cents(text)) == cents)
    }

    @Test("number cells to the fen, a float's error forgiven, a third decimal refused")
    func numberCells() {
        #expect(ValueForms.cents(ofNumber: "1234.5") == 123_450)
        #expect(ValueForms.cents(ofNumber: "1234.4999999999998") == 123_450)
        #expect(ValueForms.cents(ofNumber: "0.1") == 10)
        #expect(ValueForms.cents(ofNumber: "12.345") == nil)
    }

    @Test("months and headers")
    func monthsAndHeaders() {
        #expect(ValueForms.month("2026/10")?.description == "2026-10")
        #expect(ValueForms.month("2026年9月")?.description == "2026-09")
        #expect(ValueForms.month("2026-10-05") == nil)
        #expect(HeaderMatch.normalized("金额（元）") == HeaderMatch.normalized("金额"))
        #expect(HeaderMatch.normalized("Hire Date") == HeaderMatch.normalized("hire_date"))
        #expect(HeaderMatch.normalized("工号*") == "工号")
        #expect(HeaderMatch.normalized("ｉｄ") == "id")
    }
}
