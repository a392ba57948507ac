// Completion for clients that resolve documentation lazily and take list defaults (as VS Code
// does): the list leaves out what `completionItem/resolve` gives later and writes the shared edit
// range once, and the items still mean exactly what a plain client's items mean.

import KPITestSupport
import LanguageServerProtocol
import Testing

@testable import KPILanguageServer

@Suite struct CompletionResolveTests {
    /// VS Code's completion capabilities (LSP 3.17).
    static let lean = ClientCapabilities(
        completionSnippetSupport: true,
        completionResolveProperties: ["documentation", "detail", "additionalTextEdits"],
        completionItemDefaults: ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"])
    static let plain = ClientCapabilities(completionSnippetSupport: true)

    static let positions: [(name: String, plan: String)] = [
        ("metrics", mark(CompletionTests.twoBlocks, "  owner: CFO\n", "  owner: CFO\n  metric: 1️⃣\n")),
        ("fields, some written differently from their label", mark(CompletionTests.twoBlocks, "  owner: CS\n", "  owner: CS\n  1️⃣\n")),
        ("top-level snippets", mark(CompletionTests.twoBlocks, "\nkpi upsell", "\nk1️⃣\n\nkpi upsell")),
        (
            "parents after a partial id",
            mark(Plans.acme, "kpi repeat-customers\n  parent: extra-revenue", "kpi repeat-customers\n  parent: ex1️⃣")
        ),
    ]

    /// The edit an item makes: its own, or the list's range with its `textEditText` or label.
    static func edit(_ item: CompletionItem, in list: CompletionList) -> TextEdit? {
        if let edit = item.textEdit { return edit }
        guard let range = list.itemDefaults?.editRange else { return nil }
        return TextEdit(range: range, newText: item.textEditText ?? item.label)
    }

    @Test(arguments: positions.map(\.name))
    func leanItemsResolveToThePlainClientsItems(_ name: String) throws {
        let marked = try Markers.extract(Self.positions.first { $0.name == name }!.plan)
        let position = marked.position(marker: 1)
        let plainSession = try Session(capabilities: Self.plain)
        let leanSession = try Session(capabilities: Self.lean)
        let full = try #require(try plainSession.client.completion(plainSession.open("plan.kpi", marked.text), at: position))
        let lean = try #require(try leanSession.client.completion(leanSession.open("plan.kpi", marked.text), at: position))

        #expect(lean.items.map(\.label) == full.items.map(\.label))
        #expect(lean.isIncomplete == full.isIncomplete)
        #expect(full.itemDefaults == nil)
        // One range for every item here: written once, and no item carries its own edit.
        #expect(lean.itemDefaults?.editRange != nil)
        #expect(lean.items.allSatisfy { $0.textEdit == nil })
        for (leanItem, fullItem) in zip(lean.items, full.items) {
            #expect(Self.edit(leanItem, in: lean) == fullItem.textEdit, "\(fullItem.label)")
            #expect((leanItem.insertTextFormat ?? lean.itemDefaults?.insertTextFormat) == fullItem.insertTextFormat, "\(fullItem.label)")
            #expect(leanItem.detail == nil)
            #expect(leanItem.documentation == nil)
            // What resolve gives is what the plain client got in the list.
            let resolved = try leanSession.client.request(CompletionItemResolveRequest.self, leanItem)
            #expect(resolved.documentation == fullItem.documentation, "\(fullItem.label)")
            #expect(resolved.detail == fullItem.detail, "\(fullItem.label)")
            #expect(resolved.label == leanItem.label && resolved.data == leanItem.data)
        }
    }

    @Test func theMetricListIsAFifthOfItsSizeWithoutDocumentationAndRanges() throws {
        let marked = try Markers.extract(Self.positions[0].plan)
        var sizes: [Int] = []
        for capabilities in [Self.plain, Self.lean] {
            let session = try Session(capabilities: capabilities)
            let uri = session.open("plan.kpi", marked.text)
            let params: JSONValue = [
                "textDocument": ["uri": .string(uri)],
                "position": [
                    "line": .number(Double(marked.position(marker: 1).line)),
                    "character": .number(Double(marked.position(marker: 1).character)),
                ],
            ]
            let answer = try session.client.requestRaw(method: CompletionRequest.method, params: params).get()
            sizes.append(try JSONWriter.write(answer).count)
        }
        #expect(sizes[0] > 20_000)
        #expect(sizes[1] * 5 < sizes[0], "\(sizes)")
    }

    @Test func onlyClientsThatResolveDocumentationAreOfferedResolve() throws {
        #expect(try Session(capabilities: Self.lean).initializeResult.capabilities.completionProvider?.resolveProvider == true)
        #expect(try Session(capabilities: Self.plain).initializeResult.capabilities.completionProvider?.resolveProvider == nil)
        // Neovim resolves only edits and commands: it keeps documentation in the list.
        let neovim = ClientCapabilities(completionSnippetSupport: true, completionResolveProperties: ["additionalTextEdits", "command"])
        let session = try Session(capabilities: neovim)
        #expect(session.initializeResult.capabilities.completionProvider?.resolveProvider == nil)
        let marked = try Markers.extract(Self.positions[0].plan)
        let list = try #require(try session.client.completion(session.open("plan.kpi", marked.text), at: marked.position(marker: 1)))
        expect(
            """
            **MRR** — Recurring revenue billed per month from subscriptions.

            Unit: currency · higher is better · at least 0 · sales metric··
            Also called: monthly recurring revenue
            """
        ).assert(visibleTrailingSpaces(list.items.first { $0.label == "MRR" }?.documentation?.value ?? "no documentation"))
        #expect(list.items.allSatisfy { $0.data == nil && $0.textEdit != nil })
    }

    /// The last four lists are kept: an item of an older one, or one the server never sent, comes
    /// back as it was; an item without a label is not an item. Items are numbered across lists.
    @Test func olderOrUnknownItemsComeBackUnchanged() throws {
        let marked = try Markers.extract(Self.positions[0].plan)
        let session = try Session(capabilities: Self.lean)
        let uri = session.open("plan.kpi", marked.text)
        let first = try #require(try session.client.completion(uri, at: marked.position(marker: 1)))
        let mrr = try #require(first.items.first { $0.label == "MRR" })
        let firstNumbers = first.items.compactMap { $0.data?.intValue }
        #expect(firstNumbers == Array(firstNumbers[0]..<firstNumbers[0] + first.items.count), "one number per documented item")
        let second = try #require(try session.client.completion(uri, at: marked.position(marker: 1)))
        #expect(second.items.compactMap { $0.data?.intValue }.min() == firstNumbers.last! + 1)
        for kept in 2...CompletionDocuments.kept {
            let resolved = try session.client.request(CompletionItemResolveRequest.self, mrr)
            #expect(resolved.documentation != nil, "still kept after \(kept - 1) newer lists")
            _ = try session.client.completion(uri, at: marked.position(marker: 1))
        }
        #expect(try session.client.request(CompletionItemResolveRequest.self, mrr) == mrr)
        // Numbers no list kept gave out, fractions, and what is not a number.
        let largest = first.items.compactMap { $0.data?.intValue }.max()
        let numbers = try #require(largest)
        for data: JSONValue? in [
            nil, "x", [1], [.number(1e9), 0], ["a", "b"], 0, -1, .number(Double(numbers) + 1e6), 1.5, .number(1e300),
        ] {
            var item = mrr
            item.data = data
            #expect(try session.client.request(CompletionItemResolveRequest.self, item) == item)
        }
        let noLabel = try session.client.requestRaw(method: CompletionItemResolveRequest.method, params: ["kind": 1])
        guard case .failure(let error) = noLabel else {
            Issue.record("an item without a label was resolved: \(noLabel)")
            return
        }
        #expect(error.code == .invalidParams)
    }
}
