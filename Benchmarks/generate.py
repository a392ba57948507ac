#!/usr/bin/env python3
"""Writes a realistic synthetic KPI-plan workspace, deterministic from a seed, and the same plan
as TOML (one `.toml` file per `.kpi` file, each KPI a `[kpi.ID]` table with the same fields).

Shape of the workspace (N KPIs in all):
  company.kpi           the root of the cascade: the top three levels (top-level goals, their
                        children, and grandchildren up to 400 KPIs in all); every other file
                        depends on it, directly or through others
  div-NN.kpi            levels 3-4 under a group of level-2 goals; `use "company.kpi"`
  team-NN-MM.kpi        levels 5-8, cut from a depth-first walk into files of 150-500 KPIs;
                        `use`s the files holding its KPIs' parents (cross-file `parent:`)
The cascade is 5-8 levels deep (each top-level goal draws its own depth); goals split into
`split: sum` children with `contributes:` that add up, `split: weighted` children with weights
adding to 100%, or plain children; measured KPIs have baselines, targets, actions and actuals,
multi-year goals milestones. About 2% of KPIs carry a deliberate mistake (typo'd parent, missing
owner, split that does not add up, weights not 100%, deadline after the parent's, unrealistic
target, duplicate id, a syntax error, perspective order, missing baseline).

The first team file holds exactly 500 KPIs (the "largest file" of the keystroke benchmark).

usage: generate.py N OUT_DIR [--seed S]      writes OUT_DIR/kpi/*.kpi, OUT_DIR/toml/*.toml, OUT_DIR/meta.json,
                                             and OUT_DIR/toml-schema/ (the TOML files with a JSON Schema for tombi)
"""
import argparse
import json
import os
import random
import re
import shutil

AREAS = ["emea", "amer", "apac", "latam", "nordics", "dach", "uk", "fr", "jp", "anz", "smb", "ent", "mid",
         "web", "mobile", "partner", "channel", "online", "retail", "ops", "infra", "data", "sec", "cx"]
OWNERS = ["CEO", "CFO", "COO", "CMO", "CTO", "VP Sales", "VP Marketing", "VP Engineering", "VP Customer Success",
          "Head of Product", "Head of Demand Generation", "Head of Partnerships", "Sales Director", "Finance Lead",
          "Growth Marketing Manager", "Content Marketing Lead", "Support Manager", "Operations Manager",
          "Head of People", "Regional Manager", "Account Director", "Product Manager", "Engineering Manager"]
ACTIONS = ["Publish two customer case studies a month", "Run quarterly business reviews with the top accounts",
           "Hire a second account executive for the mid-market segment", "Launch a partner referral program",
           "Refresh the highest-traffic landing pages", "Automate onboarding data imports",
           "Renegotiate the hosting contract before renewal", "Shorten the free trial to 14 days",
           "Call every account whose weekly usage drops by half", "Offer annual plans at a 10% discount",
           "Run two A/B tests a month on the pricing page", "Review the pipeline with finance every week",
           "Add a qualification step to the demo request form", "Train support on the new billing flow",
           "Move batch jobs to reserved cloud capacity", "Start a monthly customer webinar series"]
# A child's deadline never falls after its parent's (the deadline-after-parent mistake aside).
DEADLINES_WITHIN = {"2029-12-31": ["FY2027", "2027-Q3", "2027-Q4"], "FY2027": ["FY2027", "2027-Q3", "2027-Q4"],
                    "2027-Q4": ["2027-Q4", "2027-Q3"], "2027-Q3": ["2027-Q3"]}
PERSPECTIVES = ["financial", "customer", "internal", "learning"]
# (metric, perspective, category, unit kind, low, high, higher is better)
MEASURED = [
    ("revenue", "financial", "sales", "money", 2e5, 5e7, True),
    ("MRR", "financial", "financial", "money", 5e4, 2e6, True),
    ("ARR", "financial", "financial", "money", 1e6, 4e7, True),
    ("profit", "financial", "financial", "money", 1e5, 8e6, True),
    ("pipeline", "financial", "sales", "money", 5e5, 2e7, True),
    ("bookings", "financial", "sales", "money", 2e5, 1e7, True),
    ("new customers", "customer", "sales", "rate", 50, 5000, True),
    ("inbound leads", "customer", "sales", "rate", 200, 20000, True),
    ("MQL", "internal", "sales", "rate", 100, 5000, True),
    ("SQL", "internal", "sales", "rate", 50, 2000, True),
    ("active users", "customer", "customer", "count", 1000, 500000, True),
    ("gross margin", "financial", "financial", "pct", 40, 75, True),
    ("conversion rate", "customer", "sales", "pct", 1, 6, True),
    ("churn rate", "customer", "customer", "pct", 1, 6, False),
    ("uptime", "internal", "operational", "pct", 97, 99.5, True),
    ("employee engagement", "learning", "people", "pct", 55, 80, True),
    ("training hours", "learning", "people", "count", 10, 60, True),
]


def money(v, signed=False):
    sign = "+" if signed and v >= 0 else ("-" if v < 0 else "")
    v = abs(v)
    if v >= 1e6 and round(v / 1e4) * 1e4 == v:
        text = f"${v / 1e6:g}M"
    elif v >= 1e3 and round(v / 10) * 10 == v:
        text = f"${v / 1e3:g}K"
    else:
        text = f"${v:,.0f}"
    return sign + text


def nice(v, kind):
    """A plausible round value of a unit kind, as written in a plan."""
    if kind == "money":
        step = 10 ** max(0, len(str(int(v))) - 3)
        return money(round(v / step) * step)
    if kind == "pct":
        return f"{round(v, 1):g}%"
    if kind == "rate":
        return f"{int(round(v)):,}/month"
    return f"{int(round(v)):,}"


class Node:
    __slots__ = ("id", "level", "parent", "children", "kind", "split", "metric", "file", "deadline", "perspective",
                 "contributes", "weight", "mistake", "depth_limit", "total")

    def __init__(self, level, parent):
        self.level, self.parent, self.children = level, parent, []
        self.kind = "measured"   # measured | contributes
        self.split = None        # None | sum | weighted
        self.metric = None
        self.file = None
        self.deadline = None
        self.perspective = None
        self.contributes = None
        self.weight = None
        self.mistake = None
        self.depth_limit = None
        self.total = None


def build_tree(n, rng):
    """A forest of exactly n nodes, each root's subtree 5-8 levels deep."""
    roots_count = max(3, min(16, n // 700 + 3))
    budgets = split_budget(n, roots_count, rng)
    roots = []
    for budget in budgets:
        root = Node(1, None)
        root.depth_limit = rng.randint(5, 8)
        roots.append(root)
        grow(root, budget - 1, rng)
    return roots


def split_budget(total, k, rng):
    weights = [rng.uniform(0.6, 1.4) for _ in range(k)]
    s = sum(weights)
    parts = [max(1, int(total * w / s)) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def grow(node, budget, rng):
    """Gives `node` `budget` descendants, reaching depth_limit along at least one path."""
    if budget <= 0:
        return
    levels_left = node_depth_limit(node) - node.level
    if levels_left <= 0:
        # Already at the deepest level: put the rest as siblings-to-be under the parent chain's
        # deepest allowed level (keeps the depth at most 8).
        raise AssertionError("budget left at a leaf level")
    if levels_left == 1:
        k = budget
    else:
        k = max(1, min(budget, round(budget ** (1.0 / levels_left) * rng.uniform(0.8, 1.25))))
    k = min(k, 40 if levels_left == 1 else 14)
    if levels_left == 1 and budget > k:
        k = budget   # the last level takes everything left (wide leaf level)
    child_budgets = split_budget(budget, k, rng) if k > 1 else [budget]
    for b in child_budgets:
        child = Node(node.level + 1, node)
        node.children.append(child)
        grow(child, b - 1, rng)


def node_depth_limit(node):
    while node.parent is not None:
        node = node.parent
    return node.depth_limit


def walk(roots):
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def assign_files(roots, rng):
    """company.kpi: levels 1-3 (at most 400 KPIs); div files: levels 3-4 of a group of level-2 goals; team files:
    levels 5+ cut from a depth-first walk. Returns {file name: [nodes in file order]}."""
    files = {"company.kpi": []}
    level2 = [c for r in roots for c in r.children]
    for node in walk(roots):
        if node.level <= 2 or (node.level == 3 and len(files["company.kpi"]) < 400):
            node.file = "company.kpi"
            files["company.kpi"].append(node)
    groups = max(1, len(level2) // 4)
    divs = [level2[i::groups] for i in range(groups)]
    deep_nodes = []
    for d, group in enumerate(divs):
        div_nodes, team_walk = [], []
        for top in group:
            for node in walk(top.children):
                if node.file == "company.kpi":
                    continue
                (div_nodes if node.level <= 4 else team_walk).append(node)
        # Division files hold at most 500 KPIs too.
        for part in range(0, max(1, len(div_nodes)), 500):
            name = f"div-{d + 1:02d}{'' if part == 0 else chr(ord('a') + part // 500)}.kpi"
            chunk = div_nodes[part:part + 500]
            if not chunk:
                continue
            files[name] = chunk
            for node in chunk:
                node.file = name
        deep_nodes.append((d, team_walk))
    first = True
    for d, team_walk in deep_nodes:
        i, m = 0, 0
        while i < len(team_walk):
            size = rng.randint(150, 500)
            if first and len(team_walk) - i >= 500:
                size, first = 500, False
            m += 1
            name = f"team-{d + 1:02d}-{m:02d}.kpi"
            chunk = team_walk[i:i + size]
            files[name] = chunk
            for node in chunk:
                node.file = name
            i += size
    return files


def decide(roots, rng, used_ids):
    """Split kinds, metrics, ids, perspectives, deadlines, contributions and weights, top-down."""
    counter = 0
    for node in walk(roots):
        counter += 1
        p = node.parent
        if p is None:
            node.metric = rng.choice(MEASURED[:6])
            node.perspective = "financial"
            node.deadline = rng.choice(["FY2027", "FY2027", "2029-12-31"])
        elif p.split == "sum":
            node.kind = "contributes"
            node.metric = p.metric
            node.perspective = p.perspective
        else:
            # A measured child: perspective no higher than the parent's (learning → … → financial).
            rank = PERSPECTIVES.index(p.perspective)
            candidates = [m for m in MEASURED if PERSPECTIVES.index(m[1]) >= rank] or MEASURED
            node.metric = rng.choice(candidates)
            node.perspective = node.metric[1]
            up = p
            while up.deadline is None:
                up = up.parent
            node.deadline = rng.choice(DEADLINES_WITHIN[up.deadline])
        if node.children:
            if node.kind == "contributes":
                node.split = rng.choice(["sum", "sum", None])
            elif node.metric[3] == "money":
                node.split = rng.choice(["sum", "weighted", None]) if len(node.children) > 1 else rng.choice(["sum", None])
            else:
                node.split = rng.choice(["weighted", None, None]) if len(node.children) > 1 else None
        area = rng.choice(AREAS)
        slug = node.metric[0].lower().replace(" ", "-")
        node.id = f"{area}-{slug}-{counter}"
        used_ids.add(node.id)


def kpi_lines(node, rng, as_toml=False):
    """The fields of one KPI as (key, value) pairs in plan order; values are plan text."""
    fields = []
    metric, perspective, category, kind, low, high, higher = node.metric
    if node.parent is None:
        fields.append(("top-level", None))
    else:
        parent_id = node.parent.id
        if node.mistake == "typo-parent":
            parent_id = parent_id[:-1] + ("x" if parent_id[-1] != "x" else "y")
        fields.append(("parent", parent_id))
    if node.kind == "contributes":
        fields.append(("contributes", money(node.contributes, signed=True)))
        if node.parent.kind == "contributes":   # no parent deadline to share
            up = node.parent
            while up.deadline is None:
                up = up.parent
            fields.append(("deadline", up.deadline))
    else:
        if node.weight is not None:
            fields.append(("weight", f"{node.weight}%"))
        persp = perspective
        if node.mistake == "perspective" and node.parent is not None:
            persp = "financial" if node.parent.perspective != "financial" else persp
        fields.append(("perspective", persp))
        fields.append(("category", category))
        fields.append(("metric", metric))
    if node.mistake != "no-owner":
        fields.append(("owner", rng.choice(OWNERS)))
    if node.kind == "measured":
        base = rng.uniform(low, high)
        if kind == "money" and node.split == "sum":
            base = round(max(base, 3 * node.total) / 1000) * 1000
        b_text = nice(base, kind)
        if node.mistake != "no-baseline":
            fields.append(("baseline", f"{b_text} at 2026-12-31"))
        deadline = node.deadline
        if node.mistake == "late-deadline":
            deadline = "2030-06-30"
        if node.split == "sum":
            target = f"{money(node.total, signed=True)} by {deadline}"
            change_fraction = node.total / parse_money(b_text)
        elif kind == "pct":
            b = parse_value(b_text, kind)
            room = min((100 - b) / 2, b * 0.3) if higher else b / 2
            step = min(rng.choice([1, 2, 3, 0.5]), max(0.1, round(room, 1)))
            target = f"{'+' if higher else '-'}{step:g}pp by {deadline}"
            change_fraction = None
        else:
            pct = rng.choice([5, 8, 10, 12, 15, 20, 25, 30, 40])
            if node.mistake == "unrealistic":
                pct = 450
            target = f"{'+' if higher else '-'}{pct}% by {deadline}"
            change_fraction = pct / 100 if higher else -pct / 100
        if node.mistake == "syntax":
            fields.append(("target-typo", target))   # written without its colon: a syntax error
        else:
            fields.append(("target", target))
        if node.split:
            fields.append(("split", node.split))
        if deadline == "2029-12-31" and change_fraction is not None and kind != "pct":
            fields.append(("growth", rng.choice(["compound", "linear"])))
        fields.append(("actions", rng.sample(ACTIONS, rng.randint(1, 3))))
        # Actuals on the way (as-of is 2027-07-15): some on track, some behind.
        if change_fraction is not None and kind != "pct" and rng.random() < 0.8:
            b = parse_value(b_text, kind)
            progress = rng.uniform(0.45, 0.8)
            years = 3.0 if deadline == "2029-12-31" else 1.0
            actual = []
            for date, share in (("2027-03-31", 0.25), ("2027-06-30", 0.5)):
                v = b * (1 + change_fraction * progress * share * 2 / years)
                actual.append((date, nice(v, kind)))
            fields.append(("actuals", actual))
        if deadline == "2029-12-31" and change_fraction is not None and kind != "pct":
            b = parse_value(b_text, kind)
            fields.append(("milestones", [("2027", nice(b * (1 + change_fraction / 3), kind)),
                                          ("2028", nice(b * (1 + change_fraction * 2 / 3), kind))]))
    else:
        if node.split:
            fields.append(("split", node.split))
        fields.append(("actions", rng.sample(ACTIONS, rng.randint(1, 2))))
    return fields


def parse_money(text):
    t = text.lstrip("+$").replace(",", "")
    mult = 1
    if t.endswith("K"):
        mult, t = 1e3, t[:-1]
    elif t.endswith("M"):
        mult, t = 1e6, t[:-1]
    return float(t) * mult


def parse_value(text, kind):
    if kind == "money":
        return parse_money(text)
    return float(text.split("/")[0].rstrip("%").replace(",", ""))


def plan_contributions(roots, rng):
    """Bottom-up: every `contributes:` child gets an amount; a sum parent's change is their total."""
    for node in reversed(list(walk(roots))):
        if node.kind == "contributes":
            if node.split == "sum":
                node.contributes = sum(c.contributes for c in node.children)
            else:
                node.contributes = rng.choice([5, 10, 15, 20, 25, 40, 50, 75, 100]) * 1000
        if node.split == "sum":
            node.total = sum(c.contributes for c in node.children)   # fixed before any mistake
        if node.split == "weighted":
            n = len(node.children)
            weights = [100 // n] * n
            weights[0] += 100 - sum(weights)
            for c, w in zip(node.children, weights):
                c.weight = w


def render_kpi(node, fields, title):
    out = [f"kpi {node.id} \"{title}\""]
    for key, value in fields:
        if key == "top-level":
            out.append("  top-level")
        elif key == "target-typo":
            out.append(f"  target {value}")
        elif key == "actions":
            out.append("  actions:")
            out += [f"    - {a}" for a in value]
        elif key in ("actuals", "milestones"):
            out.append(f"  {key}:")
            out += [f"    {d}: {v}" for d, v in value]
        else:
            out.append(f"  {key}: {value}")
    return "\n".join(out) + "\n"


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def render_toml_kpi(node, fields, title):
    out = [f"[kpi.{node.id}]", f"title = {toml_str(title)}"]
    tables = []
    for key, value in fields:
        if key == "top-level":
            out.append("top-level = true")
        elif key == "target-typo":
            out.append(f"target {toml_str(value)}")   # the same mistake: a key without `=`
        elif key == "actions":
            out.append("actions = [" + ", ".join(toml_str(a) for a in value) + "]")
        elif key in ("actuals", "milestones"):
            tables.append(f"[kpi.{node.id}.{key}]")
            tables += [f"{toml_str(d)} = {toml_str(v)}" for d, v in value]
        else:
            out.append(f"{key} = {toml_str(value)}")
    return "\n".join(out + tables) + "\n"


# -- the same checks for the peer: a JSON Schema of the KPI tables --------------------------------

def catalog_metric_names():
    """The metric names `kpi` completes: its catalog (read from the source) and the workspace's own."""
    source = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Sources", "KPIPlan", "MetricCatalog.swift")
    with open(source) as f:
        catalog = re.findall(r'Metric\(name: "([^"]+)"', f.read())
    return sorted(set(catalog) | {m[0] for m in MEASURED})


def kpi_schema():
    """What `kpi` checks in one file, as a JSON Schema tombi validates and completes from: the known
    fields and no others, their value types, the choices (perspective, category, split, growth,
    metric), an owner on every KPI. Value shapes (quantities, dates) are left out: as `pattern`s
    they made `tombi lint` 5× slower on 1,000 KPIs (513 ms against 105), one slow path of the peer
    that would decide the comparison on its own."""
    text = {"type": "string", "minLength": 1}
    value = {"type": "string"}
    dated = {"type": "object", "additionalProperties": value}
    kpi = {
        "type": "object",
        "properties": {
            "title": text,
            "parent": text,
            "top-level": {"type": "boolean"},
            "perspective": {"enum": PERSPECTIVES},
            "category": {"enum": ["sales", "financial", "operational", "customer", "people"]},
            "metric": {"enum": catalog_metric_names()},
            "owner": text,
            "baseline": value,
            "target": value,
            "deadline": value,
            "split": {"enum": ["sum", "weighted"]},
            "weight": value,
            "contributes": value,
            "growth": {"enum": ["compound", "linear"]},
            "actions": {"type": "array", "items": text},
            "actuals": dated,
            "milestones": dated,
        },
        "required": ["title", "owner"],
        "additionalProperties": False,
    }
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    plan = {"type": "object", "properties": {"name": text, "fiscal-year-start": {"enum": months}, "currency": value,
                                             "as-of": value},
            "additionalProperties": False}
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "KPI plan", "type": "object",
            "properties": {"use": {"type": "array", "items": value}, "plan": plan,
                           "kpi": {"type": "object", "additionalProperties": kpi}},
            "additionalProperties": False}


def write_schema_workspace(out):
    """OUT/toml-schema: the TOML files again, with `kpi.schema.json` and a `tombi.toml` that applies
    it to every file (the TOML files themselves are the same bytes)."""
    folder = os.path.join(out, "toml-schema")
    shutil.copytree(os.path.join(out, "toml"), folder)
    with open(os.path.join(folder, "kpi.schema.json"), "w") as f:
        json.dump(kpi_schema(), f, indent=2)
    with open(os.path.join(folder, "tombi.toml"), "w") as f:
        f.write('[[schemas]]\npath = "kpi.schema.json"\ninclude = ["company.toml", "div-*.toml", "team-*.toml"]\n')


TITLES = ["Grow {m} in {a}", "Lift {m} for {a}", "Improve {m} ({a})", "Raise {m} across {a}", "Drive {m} in the {a} segment"]


def generate(n, out, seed=1):
    rng = random.Random(seed)
    roots = build_tree(n, rng)
    used = set()
    decide(roots, rng, used)
    plan_contributions(roots, rng)
    files = assign_files(roots, rng)
    nodes = list(walk(roots))
    assert len(nodes) == n, (len(nodes), n)
    # Deliberate mistakes, about 2% of KPIs; every file gets at least one near its end so a
    # keystroke at its top always moves a diagnostic (and so always republishes the file).
    kinds = ["typo-parent", "no-owner", "late-deadline", "unrealistic", "syntax", "perspective", "no-baseline"]
    for node in nodes:
        if rng.random() < 0.02:
            node.mistake = rng.choice(kinds)
    for name, members in files.items():
        tail = [m for m in members[-10:] if m.kind == "measured"] or members[-1:]
        if not any(m.mistake for m in members[-10:]):
            tail[-1].mistake = "no-owner"
    # A split that does not add up and weights that do not reach 100%: change one child of a few splits.
    for node in nodes:
        if node.split and node.children and rng.random() < 0.03:
            child = node.children[-1]
            if node.split == "sum" and node.kind == "measured":
                child.contributes += 1000
            elif node.split == "weighted":
                child.weight = max(1, (child.weight or 0) - 5)
    # Duplicate ids: a few leaves take their previous sibling's id (same file: "already defined above").
    dup = 0
    for node in nodes:
        p = node.parent
        if p and not node.children and len(p.children) > 2 and node is p.children[-1] and rng.random() < 0.01:
            prev = p.children[-2]
            if prev.file == node.file and not prev.children:
                node.id = prev.id
                dup += 1

    # Which files each file needs: the files of its KPIs' parents.
    uses = {name: set() for name in files}
    for node in nodes:
        if node.parent and node.parent.file != node.file:
            uses[node.file].add(node.parent.file)
    order = {name: i for i, name in enumerate(files)}

    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "kpi"))
    os.makedirs(os.path.join(out, "toml"))
    total_bytes = 0
    for name, members in files.items():
        stem = name[:-4]
        head = [f"# {stem}: synthetic plan, {len(members)} KPIs",
                f"plan \"Synthetic {stem}\"", "  fiscal-year-start: January", "  currency: USD", "  as-of: 2027-07-15", ""]
        toml_head = [f"# {stem}: synthetic plan, {len(members)} KPIs", "[plan]", f"name = {toml_str('Synthetic ' + stem)}",
                     "fiscal-year-start = \"January\"", "currency = \"USD\"", "as-of = \"2027-07-15\"", ""]
        used_files = sorted(uses[name], key=lambda f: order[f])
        if used_files:
            head += [f"use \"{u}\"" for u in used_files] + [""]
            toml_head.insert(1, "use = [" + ", ".join(toml_str(u[:-4] + ".toml") for u in used_files) + "]")
        kpi_parts, toml_parts = [], []
        for node in members:
            title = rng.choice(TITLES).format(m=node.metric[0], a=node.id.split("-")[0].upper())
            fields = kpi_lines(node, rng)
            kpi_parts.append(render_kpi(node, fields, title))
            toml_parts.append(render_toml_kpi(node, fields, title))
        text = "\n".join(head) + "\n" + "\n".join(kpi_parts)
        toml_text = "\n".join(toml_head) + "\n" + "\n".join(toml_parts)
        with open(os.path.join(out, "kpi", name), "w") as f:
            f.write(text)
        with open(os.path.join(out, "toml", stem + ".toml"), "w") as f:
            f.write(toml_text)
        total_bytes += len(text.encode())

    # The benchmark's targets: the largest file, and the root file with what depends on it.
    largest = max(files, key=lambda f: (len(files[f]), f == "team-01-01.kpi"))
    root_children_elsewhere = sum(1 for node in nodes if node.parent and node.parent.file == "company.kpi"
                                  and node.file != "company.kpi")
    descendants = sum(1 for node in nodes if node.file != "company.kpi")
    depth = max(node.level for node in nodes)
    meta = {
        "kpis": n, "files": len(files), "bytes": total_bytes, "seed": seed,
        "largest_file": largest, "largest_file_kpis": len(files[largest]),
        "root_file": "company.kpi", "root_file_kpis": len(files["company.kpi"]),
        "root_direct_dependents": root_children_elsewhere, "root_transitive_dependents": descendants,
        "files_using_root": len(files) - 1, "max_depth": depth,
        "mistakes": sum(1 for node in nodes if node.mistake) + dup,
    }
    write_schema_workspace(out)
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    return meta


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(generate(args.n, args.out, args.seed)))
