import Foundation
import KPIStore
import Testing
@testable import KPICatalog

/// The shipped catalog against the rulebooks in shared/seeds: every role they name resolves, and
/// every KPI indicator seed 004 lists is carried, verbatim, by a KPI of its own role.
@Suite("The shipped catalog")
struct ShippedCatalogTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let catalog: Catalog? = try? Catalog.load(from: root, measures: MeasureFamily.catalogue)

    @Test("passes its own check")
    func passesCheck() throws {
        #expect(throws: Never.self) { try Catalog.load(from: Self.root, measures: MeasureFamily.catalogue) }
    }

    /// Every role name the five rulebooks use, as written there (simplified characters).
    static let rulebookNames = [
        "总经理",
        "分管副总",
        "公司副总",
        "行政人事经理",
        "行政专员",
        "人事专员",
        "驾驶员",
        "财务经理",
        "财务经理-会计",
        "出纳",
        "仓管员",
        "库管",
        "总工办经理",
        "技术总工程师",
        "成本部经理",
        "技术经理",
        "暖通设计师",
        "项目经理",
        "资料管理员",
        "资料员",
        "售后部经理",
        "售后维修工程师",
        "营销部",
        "营销部经理",
        "销售经理",
        "销售员",
        "项目销售",
        "系统集成部经理",
        "系统集成部总监",
        "系统集成部助理",
        "设计预算部经理",
        "售前设计师",
        "设计师",
        "预算员",
        "招投标专员",
        "工程部经理",
        "项目现场负责人",
        "售后专员",
        "商务部经理",
        "大客户部经理",
        "技术部总监",
        "客户经理",
        "技术总监",
        "售前工程师",
        "营销总监",
        "商务助理",
        "项目专管员",
        "项目管理部经理",
        "项目管理专员",
        "项目组技术人员",
        "项目小组工程师",
        "售前经理",
        "实施经理",
        "实施工程师",
        "售后运维经理",
        "售后经理",
        "售后工程师",
        "驻场运维工程师",
        "技术工程师",
        "监理经理",
        "监理工程师",
        "销售人员",
        "服务工程师",
        "服务人员",
        "分段项目负责人",
        "分项目负责人",
    ]

    @Test("every role the rulebooks name resolves by name or alias", arguments: rulebookNames)
    func roleResolves(name: String) throws {
        let catalog = try #require(Self.catalog)
        #expect(catalog.role(name) != nil, "no role answers to \(name)")
    }

    /// Seed 004's KPI指标 per role, in simplified characters (OpenCC t2s), split at 、 except
    /// inside the three indicators whose own wording holds a 、.
    static let seed004: [(role: String, indicators: [String])] = [
        ("行政人事经理", ["公司环境卫生状况", "公司安全事故发生次数", "员工满意度", "固定资产状况", "后勤支持投诉率", "制度建设完善性", "组织员工活动次数", "重要任务完成情况", "人员供应及时性", "招聘效果", "考核、薪酬工作差错率", "员工流失率"]),
        ("行政专员", ["文件处理及时率", "文件处理差错次数", "会议记录准确性", "领导满意度", "行政档案无丢失和毁损情况"]),
        ("人事专员", ["招聘任务达成率", "招聘人员到岗率", "招聘人员适岗率", "试用期合格率", "人事档案及时归档率", "入职离职手续办理差错率"]),
        ("驾驶员", ["安全驾驶", "车辆维护", "违规次数", "驾驶技术"]),
        ("财务经理-会计", ["税务上缴差错率", "会计凭证编制差错率", "会计核算出错率", "账务账簿登记差错率", "资产账实不符次数", "会计凭证归档率"]),
        ("出纳", ["账款收付准确率", "日记账记录的准确性和及时性", "发票与支票开具准确率", "票据保管完整性"]),
        ("仓管员", ["出入库是否完整", "账物是否相符", "库房物品、工具是否能正常使用"]),
        ("总工办经理", ["团队组建是否满足项目需求", "工程量变更和计量是否相对正确", "重大施工事故发生率", "施工质量合格率", "采购物品的规格、数量、质量是否符合要求", "物品供货期是否可以满足需求"]),
        ("技术总工程师", ["供应商是否守信", "采购物品的规格、数量、质量是否符合要求", "物品供货期是否可以满足需求"]),
        ("成本部经理", ["供应商是否守信", "采购物品的规格、数量、质量是否符合要求", "物品供货期是否可以满足需求"]),
        ("技术经理", ["图纸设计是否符合规范", "技术支持是否满足需求", "工程量核量是否相对准确", "部门管理是否合理"]),
        ("暖通设计师", ["技术设计是否满足客户要求和一定设计规范", "技术支持是否满足公司内部需求"]),
        ("项目经理", ["施工计划完成率", "重大施工事故发生率", "项目成本控制情况", "施工质量合格率", "回款率"]),
        ("资料管理员", ["项目资料是否与施工进度同步", "资料的签字和盖章是否完整", "资料准备是否准确和完整", "资料归档是否完整"]),
        ("售后部经理", ["解决问题的能力如何", "客户满意度如何", "维保业务的拓展情况"]),
        ("售后维修工程师", ["售后是否在约定时间内", "解决问题的能力如何", "客户满意度如何"]),
        ("营销部经理", ["部门销售任务的完成情况", "项目的回款情况", "团队的建设情况", "客户资源的积累情况"]),
        ("销售经理", ["产品销售计划推广的执行情况", "部门销售任务的完成情况", "项目的回款情况"]),
        ("销售员", ["销售任务完成率", "合同额回款率", "应收帐款回款率", "客户关系维护情况"]),
        ("项目销售", ["销售任务完成率", "合同额回款率", "应收帐款回款率", "客户关系维护情况"]),
    ]

    @Test("every seed-004 indicator is carried verbatim by a KPI of its own role", arguments: seed004)
    func indicatorsCarried(role name: String, indicators: [String]) throws {
        let catalog = try #require(Self.catalog)
        let role = try #require(catalog.role(name))
        let carried = Set(role.kpis.compactMap { catalog.kpi($0.kpi) }.flatMap(\.indicators))
        for indicator in indicators {
            #expect(carried.contains(indicator), "\(name) carries no KPI with the indicator \(indicator)")
        }
    }

    @Test("one company: a single top role, the 总经理, above every other role")
    func oneCompany() throws {
        let catalog = try #require(Self.catalog)
        #expect(catalog.topRole?.name == "总经理")
        for role in catalog.roles {
            var current = role
            var steps = 0
            while let boss = current.reportsTo.flatMap(catalog.role), steps < catalog.roles.count {
                current = boss
                steps += 1
            }
            #expect(current.id == "general-manager", "\(role.id) does not lead up to the general manager")
        }
    }

    @Test("the veto item is a KPI the project roles carry")
    func vetoIsCarried() throws {
        let catalog = try #require(Self.catalog)
        #expect(catalog.grading.veto.map(\.kpi) == ["major-construction-incidents"])
        #expect(catalog.role("项目经理")?.kpis.contains { $0.kpi == "major-construction-incidents" } == true)
        #expect(catalog.grading.forcedDistribution == .department)
    }
}
