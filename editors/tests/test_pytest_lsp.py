# The server under pytest-lsp, a strict typed LSP client (every message is checked against the
# LSP 3.17 types of lsprotocol): completion filtered and ranked by what was typed, the word being
# typed never offered as a workspace metric, completion documentation in the client's format, and
# go-to-parent-goal from the `parent:` line. Run by editors/test.sh with KPI_BIN set:
#   KPI_BIN=.build/debug/kpi python3 -m pytest editors/tests/test_pytest_lsp.py
import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
KPI = os.environ.get("KPI_BIN") or str(ROOT / ".build" / "debug" / "kpi")
ACME = (ROOT / "examples" / "acme.kpi").read_text(encoding="utf-8")
# A KPI being typed at the end of acme.kpi: its parent and its metric half written.
TYPING = ACME + '\nkpi typing "Being typed"\n  parent: rep\n  metric: Chu\n'
TYPING_LINES = TYPING.split("\n")


def position_after(text: str) -> types.Position:
    """The position at the end of the first line that ends with `text`."""
    for number, line in enumerate(TYPING_LINES):
        if line.endswith(text):
            return types.Position(line=number, character=len(line))
    raise AssertionError(f"no line ends with {text!r}")


def capabilities(documentation: list[types.MarkupKind]) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(documentation_format=documentation)
            ),
            type_hierarchy=types.TypeHierarchyClientCapabilities(),
        )
    )


async def start(client: LanguageClient, documentation: list[types.MarkupKind]) -> str:
    folder = tempfile.mkdtemp(prefix="kpi-pytest-lsp-")
    shutil.copy(ROOT / "examples" / "acme.kpi", folder)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(documentation),
            root_uri=pathlib.Path(folder).as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=pathlib.Path(folder).as_uri(), name="plans")],
        )
    )
    uri = (pathlib.Path(folder) / "acme.kpi").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="kpi", version=1, text=TYPING)
        )
    )
    return uri


def ranked(items: list[types.CompletionItem]) -> list[str]:
    """The labels in the order a client shows them: by sortText, then label."""
    return [item.label for item in sorted(items, key=lambda i: (i.sort_text or i.label, i.label))]


async def complete(client: LanguageClient, uri: str, after: str) -> types.CompletionList:
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_after(after))
    )
    assert isinstance(result, types.CompletionList), result
    return result


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[KPI, "lsp"]))
async def markdown_client(lsp_client: LanguageClient):
    lsp_client.uri = await start(lsp_client, [types.MarkupKind.Markdown, types.MarkupKind.PlainText])
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[KPI, "lsp"]))
async def plaintext_client(lsp_client: LanguageClient):
    lsp_client.uri = await start(lsp_client, [types.MarkupKind.PlainText])
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_parent_completion_is_filtered_and_ranked(markdown_client: LanguageClient):
    result = await complete(markdown_client, markdown_client.uri, "parent: rep")
    # Only ids holding the letters typed, in order, the one starting with them first.
    assert ranked(result.items)[0] == "repeat-customers"
    assert "extra-revenue" not in ranked(result.items)
    assert "mrr" not in ranked(result.items)


@pytest.mark.asyncio
async def test_metric_completion_ranks_churn_first_and_never_offers_the_word_typed(markdown_client: LanguageClient):
    result = await complete(markdown_client, markdown_client.uri, "metric: Chu")
    labels = ranked(result.items)
    assert labels[0] == "Churn Rate"
    assert "Chu" not in labels
    assert "ARR" not in labels
    # The edit replaces what was typed.
    churn = next(item for item in result.items if item.label == "Churn Rate")
    edit = churn.text_edit
    assert edit is not None
    line = position_after("metric: Chu").line
    if isinstance(edit, types.TextEdit):
        assert edit.range == types.Range(types.Position(line, 10), types.Position(line, 13))
    else:
        assert edit.replace == types.Range(types.Position(line, 10), types.Position(line, 13))


async def churn_documentation(client: LanguageClient) -> types.MarkupContent | str:
    result = await complete(client, client.uri, "metric: Chu")
    churn = next(item for item in result.items if item.label == "Churn Rate")
    if churn.documentation is None:
        churn = await client.completion_item_resolve_async(churn)
    assert churn.documentation is not None
    return churn.documentation


@pytest.mark.asyncio
async def test_completion_documentation_is_markdown_when_offered(markdown_client: LanguageClient):
    documentation = await churn_documentation(markdown_client)
    assert isinstance(documentation, types.MarkupContent)
    assert documentation.kind == types.MarkupKind.Markdown


@pytest.mark.asyncio
async def test_completion_documentation_is_plain_text_when_only_plain_text_is_offered(plaintext_client: LanguageClient):
    documentation = await churn_documentation(plaintext_client)
    text = documentation.value if isinstance(documentation, types.MarkupContent) else documentation
    if isinstance(documentation, types.MarkupContent):
        assert documentation.kind == types.MarkupKind.PlainText
    assert "**" not in text and "`" not in text
    assert "Churn" in text


@pytest.mark.asyncio
async def test_go_to_parent_from_the_parent_line(markdown_client: LanguageClient):
    # The cursor on `extra-revenue` in `parent: extra-revenue` of `repeat-customers`.
    line = next(n for n, text in enumerate(TYPING_LINES) if text == "kpi repeat-customers") + 1
    assert TYPING_LINES[line] == "  parent: extra-revenue"
    items = await markdown_client.text_document_prepare_type_hierarchy_async(
        types.TypeHierarchyPrepareParams(
            text_document=types.TextDocumentIdentifier(uri=markdown_client.uri), position=types.Position(line, 14)
        )
    )
    assert items is not None and [item.name for item in items] == ["repeat-customers"]
    parents = await markdown_client.type_hierarchy_supertypes_async(types.TypeHierarchySupertypesParams(item=items[0]))
    assert parents is not None and [item.name for item in parents] == ["extra-revenue"]
