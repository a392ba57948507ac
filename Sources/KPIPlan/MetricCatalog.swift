// A built-in catalog of common KPI metrics: users get a known unit, direction and definition just by naming the metric.

/// What a metric is measured in.
public enum UnitKind: String, Sendable, CaseIterable {
    case currency, count, percentage, ratio, duration
}

/// The business area a metric belongs to (the `category:` of a KPI).
public enum MetricKind: String, Sendable, CaseIterable {
    case sales, financial, operational, customer, people
}

/// One well-known metric: its canonical name, the other names people use for it, and how to read it.
public struct Metric: Sendable, Hashable {
    /// Canonical display name, e.g. "MRR".
    public let name: String
    /// Other names for the same metric, e.g. ["monthly recurring revenue"].
    public let aliases: [String]
    public let kind: MetricKind
    public let unit: UnitKind
    /// Which way is better: up, down (churn, defect rate, CAC, …), or within a band around a
    /// value (a budget variance is best at 0, either side is a miss).
    public let direction: Direction
    /// The values the metric can take at all: 0–100% for a share of a whole, −100…100 for NPS,
    /// ≥ 0 for counts and durations. A target outside them is `impossible-target`.
    public let bounds: MetricBounds
    /// One line, e.g. "Recurring revenue billed per month from subscriptions."
    public let definition: String

    /// False for metrics where a lower value is the goal (churn, defect rate, CAC, …).
    public var higherIsBetter: Bool { direction != .lowerIsBetter }

    public init(
        name: String, aliases: [String], kind: MetricKind, unit: UnitKind, higherIsBetter: Bool,
        direction: Direction? = nil, bounds: MetricBounds? = nil, definition: String
    ) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.unit = unit
        self.direction = direction ?? (higherIsBetter ? .higherIsBetter : .lowerIsBetter)
        self.bounds = bounds ?? MetricBounds.implied(name: name, unit: unit, inCatalog: true)
        self.definition = definition
    }
}

public enum MetricCatalog {
    public static let all: [Metric] = sales + financial + customer + operational + people

    /// Case-insensitive lookup by name or alias; ignores surrounding whitespace, and treats '-', '_' and runs of spaces as one space.
    public static func lookup(_ name: String) -> Metric? {
        lookupIndex(name).map { all[$0] }
    }

    /// `lookup`, as a position in `all`.
    public static func lookupIndex(_ name: String) -> Int? {
        // ASCII names (nearly all) skip the Unicode-aware `normalize`, and names already in
        // normal form skip building a key at all.
        switch asciiForm(name) {
        case .normalized: return index[name]
        case .needsFolding: return index[normalizeASCII(name)]
        case .notASCII: return index[normalize(name)]
        }
    }

    private enum ASCIIForm { case normalized, needsFolding, notASCII }

    /// Whether `normalize` would leave an ASCII name unchanged. ASCII whitespace is exactly
    /// tab, line feed, vertical tab, form feed, carriage return and space (`Character.isWhitespace`).
    private static func asciiForm(_ name: String) -> ASCIIForm {
        var form = ASCIIForm.normalized
        var previousIsSpace = true  // a leading space is folded away
        for byte in name.utf8 {
            if byte >= 0x80 { return .notASCII }
            let isSpace = byte == 0x20
            if (byte >= 0x41 && byte <= 0x5A) || byte == 0x2D || byte == 0x5F || (byte >= 0x09 && byte <= 0x0D)
                || (isSpace && previousIsSpace)
            {
                form = .needsFolding
            }
            previousIsSpace = isSpace
        }
        return previousIsSpace && !name.isEmpty ? .needsFolding : form
    }

    /// `normalize` for an ASCII name, byte by byte.
    static func normalizeASCII(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            if byte == 0x2D || byte == 0x5F || byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every normalized name and alias, built once. When two metrics share a key the first one listed wins.
    private static let index: [String: Int] = {
        var table: [String: Int] = [:]
        table.reserveCapacity(all.count * 4)
        for (position, metric) in all.enumerated() {
            for key in [metric.name] + metric.aliases {
                let normalized = normalize(key)
                if table[normalized] == nil { table[normalized] = position }
            }
        }
        return table
    }()

    /// Lowercases, trims, and folds '-', '_' and runs of whitespace into single spaces:
    /// "  Lead-to-Customer   conversion_rate " → "lead to customer conversion rate".
    static func normalize(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for character in name {
            if character == "-" || character == "_" || character.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(contentsOf: character.lowercased())
        }
        return out
    }

    // MARK: - The catalog

    private static let sales: [Metric] = [
        Metric(
            name: "Revenue", aliases: ["sales revenue", "total revenue", "net revenue", "sales"],
            kind: .sales, unit: .currency, higherIsBetter: true,
            definition: "Income from selling goods and services before any costs are deducted."),
        Metric(
            name: "MRR", aliases: ["monthly recurring revenue"],
            kind: .sales, unit: .currency, higherIsBetter: true,
            definition: "Recurring revenue billed per month from subscriptions."),
        Metric(
            name: "ARR", aliases: ["annual recurring revenue", "annualized recurring revenue"],
            kind: .sales, unit: .currency, higherIsBetter: true,
            definition: "Recurring subscription revenue normalized to one year (MRR × 12)."),
        Metric(
            name: "Sales Growth", aliases: ["sales growth rate", "revenue growth", "revenue growth rate"],
            kind: .sales, unit: .percentage, higherIsBetter: true,
            definition: "Change in sales over a period, as a percentage of the previous period's sales."),
        Metric(
            name: "Average Deal Size", aliases: ["deal size", "average sale value", "average contract value", "ACV"],
            kind: .sales, unit: .currency, higherIsBetter: true,
            definition: "Average value of a closed-won deal."),
        Metric(
            name: "Win Rate", aliases: ["close rate", "opportunity win rate", "deal win rate"],
            kind: .sales, unit: .percentage, higherIsBetter: true,
            definition: "Share of qualified opportunities that close as won."),
        Metric(
            name: "Sales Cycle Length", aliases: ["sales cycle", "average sales cycle", "sales cycle time"],
            kind: .sales, unit: .duration, higherIsBetter: false,
            definition: "Average time from first contact with a prospect to a closed deal."),
        Metric(
            name: "Pipeline Value", aliases: ["sales pipeline", "sales pipeline value", "pipeline", "open pipeline"],
            kind: .sales, unit: .currency, higherIsBetter: true,
            definition: "Total value of open sales opportunities."),
        Metric(
            name: "Quota Attainment", aliases: ["quota achievement", "sales quota attainment", "attainment"],
            kind: .sales, unit: .percentage, higherIsBetter: true,
            definition: "Closed sales as a percentage of the sales quota for the period."),
        Metric(
            name: "Inbound Leads", aliases: ["leads", "new leads", "inbound lead volume", "lead volume"],
            kind: .sales, unit: .count, higherIsBetter: true,
            definition: "Prospects who contacted the company or signed up on their own in a period."),
        Metric(
            name: "MQL", aliases: ["MQLs", "marketing qualified leads", "marketing qualified lead"],
            kind: .sales, unit: .count, higherIsBetter: true,
            definition: "Leads that marketing judges likely to become customers, per period."),
        Metric(
            name: "SQL", aliases: ["SQLs", "sales qualified leads", "sales qualified lead"],
            kind: .sales, unit: .count, higherIsBetter: true,
            definition: "Leads that sales has accepted as ready for a direct sales follow-up, per period."),
        Metric(
            name: "Lead-to-Customer Conversion Rate", aliases: ["lead conversion rate", "lead to customer rate", "lead-to-close rate"],
            kind: .sales, unit: .percentage, higherIsBetter: true,
            definition: "Share of leads that become paying customers."),
        Metric(
            name: "Conversion Rate", aliases: ["website conversion rate", "visitor conversion rate", "site conversion rate"],
            kind: .sales, unit: .percentage, higherIsBetter: true,
            definition: "Share of visitors who complete the desired action, such as a sign-up or purchase."),
        Metric(
            name: "Bookings", aliases: ["total bookings", "new bookings", "sales bookings"],
            kind: .sales, unit: .currency, higherIsBetter: true,
            definition: "Value of contracts signed in a period, whether or not billed yet."),
        Metric(
            name: "New Customers", aliases: ["new customer count", "customers acquired", "new accounts", "new logos"],
            kind: .sales, unit: .count, higherIsBetter: true,
            definition: "Customers who made their first purchase or signed their first contract in a period."),
        Metric(
            name: "Market Share", aliases: ["share of market"],
            kind: .sales, unit: .percentage, higherIsBetter: true,
            definition: "The company's sales as a percentage of total sales in its market."),
    ]

    private static let financial: [Metric] = [
        Metric(
            name: "Profit", aliases: ["net profit", "net income", "earnings", "operating profit"],
            kind: .financial, unit: .currency, higherIsBetter: true,
            definition: "Revenue left after all costs and expenses are deducted."),
        Metric(
            name: "Gross Profit", aliases: ["gross income"],
            kind: .financial, unit: .currency, higherIsBetter: true,
            definition: "Revenue minus the cost of goods sold."),
        Metric(
            name: "Gross Margin", aliases: ["gross profit margin", "gross margin percentage"],
            kind: .financial, unit: .percentage, higherIsBetter: true,
            definition: "Gross profit as a percentage of revenue."),
        Metric(
            name: "Net Profit Margin", aliases: ["net margin", "profit margin", "net income margin"],
            kind: .financial, unit: .percentage, higherIsBetter: true,
            definition: "Net profit as a percentage of revenue."),
        Metric(
            name: "Operating Margin", aliases: ["operating profit margin", "EBIT margin"],
            kind: .financial, unit: .percentage, higherIsBetter: true,
            definition: "Operating profit as a percentage of revenue."),
        Metric(
            name: "EBITDA", aliases: ["earnings before interest, taxes, depreciation and amortization"],
            kind: .financial, unit: .currency, higherIsBetter: true,
            definition: "Earnings before interest, taxes, depreciation and amortization."),
        Metric(
            name: "ROI", aliases: ["return on investment"],
            kind: .financial, unit: .percentage, higherIsBetter: true,
            definition: "Net gain from an investment as a percentage of its cost."),
        Metric(
            name: "Cash Flow", aliases: ["net cash flow"],
            kind: .financial, unit: .currency, higherIsBetter: true,
            definition: "Net cash coming into the business in a period, from all activities."),
        Metric(
            name: "Operating Cash Flow", aliases: ["OCF", "cash flow from operations"],
            kind: .financial, unit: .currency, higherIsBetter: true,
            definition: "Cash generated by normal business operations in a period."),
        Metric(
            name: "Burn Rate", aliases: ["cash burn", "net burn", "net burn rate", "monthly burn"],
            kind: .financial, unit: .currency, higherIsBetter: false,
            definition: "Net cash spent per month when expenses exceed income."),
        Metric(
            name: "Runway", aliases: ["cash runway", "months of runway"],
            kind: .financial, unit: .duration, higherIsBetter: true,
            definition: "How long current cash lasts at the current burn rate."),
        Metric(
            name: "Customer Acquisition Cost", aliases: ["CAC", "cost per acquisition", "cost of customer acquisition", "CPA"],
            kind: .financial, unit: .currency, higherIsBetter: false,
            definition: "Sales and marketing spend divided by the number of new customers won."),
        Metric(
            name: "Accounts Receivable Days", aliases: ["AR days", "DSO", "days sales outstanding", "days receivable"],
            kind: .financial, unit: .duration, higherIsBetter: false,
            definition: "Average number of days it takes to collect payment after a sale."),
        Metric(
            name: "Budget Variance", aliases: ["variance to budget", "budget vs actual variance", "budget deviation"],
            kind: .financial, unit: .percentage, higherIsBetter: false, direction: .band,
            definition: "Difference between actual and budgeted spend, as a percentage of the budget."),
        Metric(
            name: "Operating Expenses", aliases: ["OPEX", "operating costs", "operating expenditure"],
            kind: .financial, unit: .currency, higherIsBetter: false,
            definition: "Costs of running the business that are not directly tied to producing goods."),
    ]

    private static let customer: [Metric] = [
        Metric(
            name: "Customer Retention Rate", aliases: ["retention rate", "customer retention", "CRR"],
            kind: .customer, unit: .percentage, higherIsBetter: true,
            definition: "Share of customers at the start of a period who are still customers at its end."),
        Metric(
            name: "Churn Rate", aliases: ["churn", "customer churn", "customer churn rate"],
            kind: .customer, unit: .percentage, higherIsBetter: false,
            definition: "Share of customers who stop buying or cancel in a period."),
        Metric(
            name: "Net Revenue Retention", aliases: ["NRR", "net dollar retention", "NDR", "net revenue retention rate"],
            kind: .customer, unit: .percentage, higherIsBetter: true,
            definition: "Recurring revenue kept from existing customers after a year, including expansion, contraction and churn."),
        Metric(
            name: "Customer Lifetime Value", aliases: ["CLV", "LTV", "CLTV", "lifetime value"],
            kind: .customer, unit: .currency, higherIsBetter: true,
            definition: "Total gross profit expected from a customer over the whole relationship."),
        Metric(
            name: "Customer Satisfaction Index", aliases: ["CSAT", "customer satisfaction", "customer satisfaction score"],
            kind: .customer, unit: .percentage, higherIsBetter: true,
            definition: "Share of surveyed customers who rate their experience as satisfied or better."),
        Metric(
            name: "NPS", aliases: ["net promoter score"],
            kind: .customer, unit: .count, higherIsBetter: true, bounds: MetricBounds(lower: -100, upper: 100),
            definition: "Percentage of promoters minus percentage of detractors, a score from -100 to 100."),
        Metric(
            name: "Customer Effort Score", aliases: ["CES"],
            kind: .customer, unit: .count, higherIsBetter: true, bounds: MetricBounds(lower: 1, upper: 7),
            definition: "Average customer rating, on a 1–7 scale, of how easy it was to get their issue handled."),
        Metric(
            name: "Repeat Purchase Rate", aliases: ["repeat customer rate", "repurchase rate", "repeat rate"],
            kind: .customer, unit: .percentage, higherIsBetter: true,
            definition: "Share of customers who bought more than once in a period."),
        Metric(
            name: "Active Users", aliases: ["monthly active users", "MAU", "active customers"],
            kind: .customer, unit: .count, higherIsBetter: true,
            definition: "Distinct users who used the product in a period."),
        Metric(
            name: "Average Revenue per User", aliases: ["ARPU", "average revenue per account", "ARPA"],
            kind: .customer, unit: .currency, higherIsBetter: true,
            definition: "Revenue in a period divided by the number of active users or accounts."),
        Metric(
            name: "Customer Count", aliases: ["customers", "number of customers", "paying customers", "total customers"],
            kind: .customer, unit: .count, higherIsBetter: true,
            definition: "Number of paying customers at a point in time."),
    ]

    private static let operational: [Metric] = [
        Metric(
            name: "Production Yield", aliases: ["yield", "first pass yield", "FPY"],
            kind: .operational, unit: .percentage, higherIsBetter: true,
            definition: "Share of units produced that meet quality standards without rework."),
        Metric(
            name: "Defect Rate", aliases: ["defect percentage", "defects rate", "error rate"],
            kind: .operational, unit: .percentage, higherIsBetter: false,
            definition: "Share of units or work items that have a defect."),
        Metric(
            name: "Inventory Turnover", aliases: ["inventory turns", "stock turnover", "stock turns"],
            kind: .operational, unit: .ratio, higherIsBetter: true,
            definition: "Cost of goods sold divided by average inventory: how often stock is sold and replaced."),
        Metric(
            name: "On-Time Delivery", aliases: ["OTD", "on time delivery rate", "delivery on time"],
            kind: .operational, unit: .percentage, higherIsBetter: true,
            definition: "Share of orders delivered by the promised date."),
        Metric(
            name: "Cycle Time", aliases: ["process cycle time", "production cycle time"],
            kind: .operational, unit: .duration, higherIsBetter: false,
            definition: "Time from the start to the end of a process for one unit of work."),
        Metric(
            name: "Capacity Utilization", aliases: ["capacity utilisation", "utilization", "utilization rate"],
            kind: .operational, unit: .percentage, higherIsBetter: true,
            definition: "Actual output as a percentage of the maximum possible output."),
        Metric(
            name: "First Contact Resolution", aliases: ["FCR", "first call resolution", "first contact resolution rate"],
            kind: .operational, unit: .percentage, higherIsBetter: true,
            definition: "Share of support requests resolved in the first interaction."),
        Metric(
            name: "Average Handle Time", aliases: ["AHT", "average handling time"],
            kind: .operational, unit: .duration, higherIsBetter: false,
            definition: "Average time an agent spends on one customer interaction, including follow-up work."),
        Metric(
            name: "Uptime", aliases: ["availability", "system uptime", "service availability"],
            kind: .operational, unit: .percentage, higherIsBetter: true,
            definition: "Share of time a system or service is available to its users."),
        Metric(
            name: "Order Fulfillment Time", aliases: ["fulfillment time", "order fulfilment time", "order to delivery time"],
            kind: .operational, unit: .duration, higherIsBetter: false,
            definition: "Average time from an order being placed to its delivery to the customer."),
    ]

    private static let people: [Metric] = [
        Metric(
            name: "Employee Satisfaction",
            aliases: ["employee satisfaction index", "ESI", "staff satisfaction", "employee satisfaction score"],
            kind: .people, unit: .percentage, higherIsBetter: true,
            definition: "Share of surveyed employees who say they are satisfied with their job."),
        Metric(
            name: "Employee Turnover", aliases: ["employee turnover rate", "staff turnover", "attrition", "attrition rate"],
            kind: .people, unit: .percentage, higherIsBetter: false,
            definition: "Share of employees who leave in a period, as a percentage of average headcount."),
        Metric(
            name: "Employee Engagement", aliases: ["employee engagement score", "engagement score", "engagement"],
            kind: .people, unit: .percentage, higherIsBetter: true,
            definition: "Share of employees who are engaged, from the employee engagement survey."),
        Metric(
            name: "Time to Hire", aliases: ["time to fill", "days to hire", "hiring time"],
            kind: .people, unit: .duration, higherIsBetter: false,
            definition: "Average time from opening a position to a candidate accepting the offer."),
        Metric(
            name: "Training Hours per Employee", aliases: ["training hours", "average training hours", "training hours per FTE"],
            kind: .people, unit: .duration, higherIsBetter: true,
            definition: "Average hours of training each employee receives in a period."),
        Metric(
            name: "Absenteeism Rate", aliases: ["absenteeism", "absence rate", "absentee rate"],
            kind: .people, unit: .percentage, higherIsBetter: false,
            definition: "Share of scheduled work time lost to unplanned absence."),
        Metric(
            name: "Revenue per Employee", aliases: ["sales per employee", "revenue per FTE", "revenue per head"],
            kind: .people, unit: .currency, higherIsBetter: true,
            definition: "Revenue divided by the average number of employees."),
        Metric(
            name: "Headcount", aliases: ["employees", "number of employees", "FTE", "FTEs", "staff count", "team size"],
            kind: .people, unit: .count, higherIsBetter: true,
            definition: "Number of full-time-equivalent employees at a point in time."),
    ]
}
