import KPICatalog
import KPIEngine
import KPIFormula
import KPIStore

extension ScorecardWorkbook {
    func statusText(_ status: Scorecard.Line.Status) -> String {
        switch status {
        case .ok: return pick("正常", "ok")
        case .noData: return pick("无数据(不计)", "no data (excluded)")
        case .noDataZero: return pick("无数据(记0分)", "no data (scored 0)")
        case .noDataTarget: return pick("无数据(按目标)", "no data (target)")
        }
    }

    /// 部门 Departments: headcount, mean, lowest and highest total, grades; two charts.
    func writeDepartments(_ sheet: Worksheet, results: [DepartmentSummary.Result], workbook: Workbook) throws {
        let grades = catalog.grading.grades.map(\.grade)
        let headers = [pick("部门", "Department"), pick("人数", "Headcount"), pick("平均总分", "Mean total"),
                       pick("最低", "Lowest"), pick("最高", "Highest")] + grades
        var widths = headers.map(displayWidth)
        for (column, header) in headers.enumerated() { try sheet.write(0, column, header, Self.header) }
        let summaries = DepartmentSummary.summaries(of: results, catalog: catalog)
        for (index, summary) in summaries.enumerated() {
            let row = index + 1
            let name = departmentName(summary.department)
            widths[0] = max(widths[0], displayWidth(name))
            try sheet.write(row, 0, name, Self.text)
            try sheet.write(row, 1, Double(summary.headcount), Self.integer)
            try sheet.write(row, 2, summary.mean, Self.total)
            try sheet.write(row, 3, summary.lowest, Self.total)
            try sheet.write(row, 4, summary.highest, Self.total)
            for (offset, grade) in summary.grades.enumerated() { try sheet.write(row, 5 + offset, Double(grade.count), Self.integer) }
        }
        // The company's grade distribution, below the table, feeds the first chart.
        let distributionRow = summaries.count + 3
        try sheet.write(distributionRow, 0, pick("等级", "Grade"), Self.header)
        try sheet.write(distributionRow, 1, pick("人数", "People"), Self.header)
        for (offset, grade) in grades.enumerated() {
            try sheet.write(distributionRow + 1 + offset, 0, grade, Self.grade(grade))
            try sheet.write(distributionRow + 1 + offset, 1, Double(results.filter { $0.grade == grade }.count), Self.integer)
        }
        try fit(sheet, widths, minimum: 8)
        sheet.freeze(rows: 1)
        try sheet.printSetup(repeatRows: 1)
        guard !summaries.isEmpty else { return }
        let distribution = try workbook.addChart(.column)
        distribution.title(pick("等级分布", "Grade distribution"))
        try distribution.addSeries(sheet: sheet.name, categoryColumn: 0, valueColumn: 1, first: distributionRow + 1,
                                   last: distributionRow + grades.count, name: pick("人数", "People"))
        distribution.hideLegend()
        try sheet.insert(distribution, row: 1, column: headers.count + 1)
        let means = try workbook.addChart(.bar)
        means.title(pick("各部门平均总分", "Mean total by department"))
        try means.addSeries(sheet: sheet.name, categoryColumn: 0, valueColumn: 2, first: 1, last: summaries.count, name: pick("平均总分", "Mean total"))
        means.hideLegend()
        means.valueAxis(min: 0, max: 120)
        try sheet.insert(means, row: 17, column: headers.count + 1, width: 1.2, height: max(1.2, Double(summaries.count) / 6))
    }

    /// One employee: role and duties, the KPI table, total and grades, comments, a radar chart.
    func writeEmployee(_ card: Scorecard, sheet: Worksheet, workbook: Workbook) throws {
        let role = catalog.role(card.role)
        var row = 0
        try sheet.write(row, 0, "\(card.employee) \(names[card.employee] ?? "")", Self.heading)
        row += 1
        let facts: [(String, String)] = [
            (pick("岗位", "Role"), roleName(card.role)), (pick("部门", "Department"), departmentName(card.department)),
            (pick("期间", "Period"), "\(card.period) (\(statusName))"), (pick("职责概述", "Summary"), role?.summary ?? ""),
        ]
        for (label, value) in facts {
            try sheet.write(row, 0, label, Self.label)
            try sheet.write(row, 1, value)
            row += 1
        }
        row += 1
        let headers = ["KPI", pick("名称", "Name"), pick("实际值", "Value"), pick("目标", "Target"), pick("得分", "Score"),
                       pick("权重", "Weight"), pick("加权得分", "Weighted"), pick("计分", "Scored by")]
        for (column, header) in headers.enumerated() { try sheet.write(row, column, header, Self.header) }
        let tableStart = row + 1
        var widths = headers.map(displayWidth)
        widths[0] = max(widths[0], facts.map { displayWidth($0.0) }.max() ?? 0)
        for (line, step) in zip(card.lines, ScorecardCalculator(catalog: catalog).steps(of: card)) {
            row += 1
            let kpi = catalog.kpi(line.kpi)
            let format = Self.value(kpi?.unit)
            let name = kpiName(line.kpi)
            widths[0] = max(widths[0], displayWidth(line.kpi))
            widths[1] = max(widths[1], displayWidth(name))
            try sheet.write(row, 0, line.kpi, Self.text)
            try sheet.write(row, 1, name, Self.text)
            try sheet.write(row, 2, line.value, format)
            var target: Double?
            if case .linear(let rule)? = step?.rule { target = rule.target }
            try sheet.write(row, 3, target, format)
            try sheet.write(row, 4, line.score, Self.score)
            try sheet.write(row, 5, Double(line.weight), Self.integer)
            try sheet.write(row, 6, line.weighted, Self.total)
            try sheet.write(row, 7, step.map { $0.label(chinese: !english) } ?? statusText(line.status), Self.text)
        }
        let tableEnd = row
        row += 2
        let results: [(String, Double?, CellFormat, String?)] = [
            (pick("总分", "Total"), card.total, Self.total, nil), (pick("原始等级", "Raw grade"), nil, Self.grade(card.rawGrade), card.rawGrade ?? "—"),
            (pick("最终等级", "Grade"), nil, Self.grade(card.grade), card.grade ?? "—"), (pick("绩效系数", "Coefficient"), card.coefficient, Self.coefficient, nil),
        ]
        for (label, number, format, text) in results {
            try sheet.write(row, 0, label, Self.label)
            if let text { try sheet.write(row, 1, text, format) } else { try sheet.write(row, 1, number, format) }
            row += 1
        }
        let comments = card.lines.compactMap { line in line.comment.map { (kpiName(line.kpi), $0, line.rater.map { names[$0] ?? $0 } ?? "") } }
        if !comments.isEmpty {
            row += 1
            try sheet.write(row, 0, pick("评语", "Comments"), Self.label)
            for (kpi, comment, rater) in comments {
                row += 1
                try sheet.write(row, 0, kpi)
                try sheet.write(row, 1, comment + (rater.isEmpty ? "" : " — \(rater)"))
            }
        }
        if !card.segments.isEmpty {
            row += 2
            try sheet.write(row, 0, pick("本期岗位变动：各岗位按其天数计分，总分按天数合并", "The role changed: each role scored its own days, the total combined by days"), Self.label)
            row += 1
            let titles = [pick("岗位", "Role"), pick("起", "From"), pick("止", "To"), pick("天数", "Days"), pick("小计", "Total")]
            for (column, title) in titles.enumerated() { try sheet.write(row, column, title, Self.header) }
            for segment in card.segments {
                row += 1
                try sheet.write(row, 0, roleName(segment.role), Self.text)
                try sheet.write(row, 1, segment.from.iso, Self.text)
                try sheet.write(row, 2, segment.to.iso, Self.text)
                try sheet.write(row, 3, Double(segment.days), Self.integer)
                try sheet.write(row, 4, segment.total, Self.total)
                widths[0] = max(widths[0], displayWidth(roleName(segment.role)))
            }
        }
        let totals = trend?.people[card.employee] ?? [:]
        let months = trend?.months.filter { totals[$0] != nil } ?? []
        var trendRows: (first: Int, last: Int)?
        if months.count > 1 {
            row += 2
            try sheet.write(row, 0, pick("月份", "Month"), Self.header)
            try sheet.write(row, 1, pick("总分", "Total"), Self.header)
            for month in months {
                row += 1
                try sheet.write(row, 0, month.description, Self.text)
                try sheet.write(row, 1, totals[month], Self.total)
            }
            trendRows = (row - months.count + 1, row)
        }
        widths[1] = max(widths[1], 24)
        try fit(sheet, widths)
        try sheet.printSetup(repeatRows: 0)
        if let trendRows {
            let line = try workbook.addChart(.line)
            line.title(pick("总分趋势", "Total over the months"))
            try line.addSeries(sheet: sheet.name, categoryColumn: 0, valueColumn: 1, first: trendRows.first, last: trendRows.last, name: pick("总分", "Total"))
            line.hideLegend()
            try sheet.insert(line, row: 16, column: headers.count + 1)
        }
        if tableEnd >= tableStart {
            let radar = try workbook.addChart(.radar)
            radar.title(pick("KPI 得分", "KPI scores"))
            try radar.addSeries(sheet: sheet.name, categoryColumn: 1, valueColumn: 4, first: tableStart, last: tableEnd, name: pick("得分", "Score"))
            radar.hideLegend()
            try sheet.insert(radar, row: 0, column: headers.count + 1)
        }
    }

    /// 趋势 Trend: each department's mean total over the months, one column a department, and a
    /// line chart of them.
    func writeTrend(_ trend: Trend, to sheet: Worksheet, workbook: Workbook) throws {
        let departments = trend.departments.keys.sorted()
        try sheet.write(0, 0, pick("月份", "Month"), Self.header)
        var widths = [8]
        for (offset, department) in departments.enumerated() {
            try sheet.write(0, offset + 1, departmentName(department), Self.header)
            widths.append(displayWidth(departmentName(department)))
        }
        for (index, month) in trend.months.enumerated() {
            try sheet.write(index + 1, 0, month.description, Self.text)
            for (offset, department) in departments.enumerated() {
                try sheet.write(index + 1, offset + 1, trend.departments[department]?[month], Self.total)
            }
        }
        try fit(sheet, widths, minimum: 8)
        sheet.freeze(rows: 1)
        try sheet.printSetup(repeatRows: 1)
        guard !departments.isEmpty else { return }
        let chart = try workbook.addChart(.line)
        chart.title(pick("各部门平均总分趋势", "Mean total by department over the months"))
        for (offset, department) in departments.enumerated() {
            try chart.addSeries(sheet: sheet.name, categoryColumn: 0, valueColumn: offset + 1, first: 1, last: trend.months.count,
                                name: departmentName(department))
        }
        try sheet.insert(chart, row: trend.months.count + 2, column: 0, width: 2, height: 1.5)
    }

    /// 奖金: each share of the period's bonus pools — pool, person, base, coefficient, days,
    /// weight, amount in yuan, why nothing — and the total.
    func writeBonus(_ bonus: [BonusShare], to sheet: Worksheet, workbook: Workbook) throws {
        let titles = [pick("奖金池", "Pool"), pick("工号", "Employee"), pick("姓名", "Name"), pick("基数", "Base"), pick("系数", "Coefficient"),
                      pick("天数", "Days"), pick("权重", "Weight"), pick("金额（元）", "Amount (yuan)"), pick("说明", "Note")]
        for (column, title) in titles.enumerated() { try sheet.write(0, column, title, Self.header) }
        let money = try workbook.format(CellFormat(numberFormat: "#,##0.00"))
        let number = try workbook.format(CellFormat(numberFormat: "0.0000"))
        for (index, share) in bonus.enumerated() {
            let row = index + 1
            try sheet.write(row, 0, share.pool)
            try sheet.write(row, 1, share.employee)
            try sheet.write(row, 2, names[share.employee] ?? share.employee)
            try sheet.write(row, 3, share.base, number)
            try sheet.write(row, 4, share.coefficient, number)
            try sheet.write(row, 5, Double(share.days))
            try sheet.write(row, 6, share.weight, number)
            try sheet.write(row, 7, Double(share.amount) / 100, money)
            try sheet.write(row, 8, share.reason.map { english ? $0.english : $0.chinese } ?? "")
        }
        let total = bonus.count + 1
        try sheet.write(total, 0, pick("合计", "Total"), CellFormat(bold: true))
        try sheet.write(total, 7, Double(bonus.reduce(Int64(0)) { $0 + $1.amount }) / 100, CellFormat(bold: true, numberFormat: "#,##0.00"))
        try sheet.setColumn(0, 8, width: 14)
        sheet.freeze(rows: 1)
    }
}
