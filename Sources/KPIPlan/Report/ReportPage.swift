// The page around the report: the HTML head with a Content-Security-Policy that forbids every
// request (no fonts, images, scripts or styles from anywhere), the stylesheet (light and dark by
// `prefers-color-scheme`, print with one top-level goal per page) and a small inline script that
// adds folding of the tree and filtering by status; without it the page shows everything.
// Each tree, card, the scorecard and the findings sit in a `<noscript class="later">`: without
// JavaScript the browser shows them as written; with it they are text the parser skips, and the
// script builds them (all at once on a small page; near the viewport, on a link or print, and while
// the browser is idle on a large one), so a 10,000-KPI page opens in about a second.

enum ReportPage {
    static func open(_ context: ReportContext, into out: inout String) {
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        out +=
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<meta name=\"generator\" content=\"kpi report\">\n"
        out += "<title>KPI report — \(HTML.escape(ReportHeader.planNames(context).joined(separator: " · ")))</title>\n"
        out += "<style>\n" + style + "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#goals\">Skip to the goals</a>\n"
    }

    /// Opens a part the script builds when it is needed. `print`: the printed page needs it (the
    /// trees and the goals' cards); `id`: the anchor inside, so a link to it can build it first.
    static func later(print: Bool = false, id: String? = nil) -> String {
        "<noscript class=\"later\(print ? " print" : "")\"\(id.map { " data-id=\"\($0)\"" } ?? "")>"
    }

    static let laterEnd = "</noscript>"

    static func close(into out: inout String) {
        out += "<script>\n" + script + "</script>\n</body>\n</html>\n"
    }

    static let style = """
        :root{--bg:#fff;--fg:#1d2430;--muted:#5b6574;--card:#f6f7f9;--line:#d5dae1;--accent:#2f6fdb;--path:#2f6fdb;--actual:#111;
        --met:#1d7f3a;--on-track:#2a8a57;--behind:#a86400;--at-risk:#c4331c;--deadline-passed:#9b1c1c;--no-data:#6b7280;
        --band:rgba(42,138,87,.13);--remainder:#a86400;--over:#c4331c;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;
        color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--bg:#14181f;--fg:#e6e9ee;--muted:#9aa4b2;--card:#1d232c;--line:#343c48;--accent:#7aa7ff;
        --path:#7aa7ff;--actual:#f2f2f2;--met:#4cc075;--on-track:#48c08a;--behind:#f0a63a;--at-risk:#ff7a5c;--deadline-passed:#ff6b6b;
        --no-data:#9aa4b2;--band:rgba(72,192,138,.16)}}
        *{box-sizing:border-box}
        body{margin:0;padding:1.5rem clamp(1rem,3vw,3rem);background:var(--bg);color:var(--fg);line-height:1.45;font-size:15px}
        a{color:var(--accent)}a:focus-visible,button:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.3rem .6rem;z-index:2}
        h1{margin:0 0 .2rem;font-size:1.7rem}h2{font-size:1.3rem;margin:2rem 0 .8rem}h3{font-size:1.05rem;margin:0 0 .3rem}
        .subtitle{color:var(--muted);margin:0 0 .8rem}
        .counts{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:.3rem 0}
        .counts button,.counts a{font:inherit;border:1px solid var(--line);border-radius:999px;padding:.15rem .7rem;background:var(--card);color:inherit;text-decoration:none;display:inline-block}
        .counts button[aria-pressed=true]{outline:2px solid currentColor}.counts button:not([disabled]){cursor:pointer}
        .counts .n{font-weight:700;font-variant-numeric:tabular-nums}
        .toc a{margin-right:1rem}
        .status{font-weight:600;white-space:nowrap}
        .s-met{color:var(--met)}.s-on-track{color:var(--on-track)}.s-behind{color:var(--behind)}.s-at-risk{color:var(--at-risk)}
        .s-deadline-passed{color:var(--deadline-passed)}.s-no-data{color:var(--no-data)}
        .goal{border-top:2px solid var(--line);margin-top:1.5rem}
        .goal-body{display:grid;grid-template-columns:minmax(18rem,30rem) minmax(0,1fr);gap:1.5rem;align-items:start}
        @media (max-width:900px){.goal-body{grid-template-columns:1fr}}
        .tree ul{list-style:none;margin:0;padding:0}
        .node{padding:.25rem .3rem .25rem calc(1.3rem + var(--depth)*1.1rem);border-left:3px solid transparent;font-size:.93rem}
        .node[data-depth="0"]{font-weight:600}
        .node .title{color:var(--muted)}.node .target,.node .file,.node .pct{color:var(--muted);font-size:.85em;white-space:nowrap}
        .node .fold{font:inherit;border:0;background:none;color:var(--muted);cursor:pointer;padding:0 .2rem;margin-left:-1.2rem;width:1.2rem}
        .role{font-size:.72em;text-transform:uppercase;letter-spacing:.04em;border:1px solid var(--line);border-radius:4px;padding:0 .3rem;color:var(--muted)}
        .role-component{border-style:solid}.role-driver{border-style:dashed}.role-goal{border-color:var(--accent);color:var(--accent)}
        .bar{display:inline-block;width:4.5rem;height:.55rem;border-radius:3px;background:var(--line);vertical-align:middle;overflow:hidden}
        .bar>span{display:block;height:100%;background:var(--accent)}.bar.empty>span{width:0}
        .card{margin:0 0 1rem;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.1rem}
        .card,.tree .node,.perspective li,.finding-list li{content-visibility:auto;contain-intrinsic-size:auto 2rem}.card{contain-intrinsic-size:auto 30rem}
        .card:target{outline:3px solid var(--accent)}
        .meta,.children{color:var(--muted);margin:.2rem 0 .5rem;font-size:.9rem}
        .numbers{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0;font-size:.9rem}
        .numbers div{display:contents}.numbers dt{color:var(--muted)}.numbers dd{margin:0;font-variant-numeric:tabular-nums}
        figure{margin:.6rem 0}figcaption{font-size:.85rem;color:var(--muted)}
        svg{width:100%;max-width:640px;height:auto;display:block;font-size:11px;fill:var(--fg)}
        svg .grid{stroke:var(--line);stroke-width:1}svg .axis{stroke:var(--muted)}svg .tick{fill:var(--muted)}
        svg .path{fill:none;stroke:var(--path);stroke-width:2.5}svg .path-point{fill:var(--path);r:3.5px}svg .m{text-anchor:middle}svg .e{text-anchor:end}
        svg .target-line{stroke:var(--on-track);stroke-dasharray:2 3}svg .band{fill:var(--band)}
        svg .milestone{fill:var(--bg);stroke:var(--fg);stroke-width:2}svg .milestone.behind{stroke:var(--behind);fill:var(--behind)}
        svg .milestone-label{fill:var(--fg)}svg .actual-line{fill:none;stroke:var(--actual);stroke-width:1.5}svg .actual{fill:var(--actual);r:4px}
        svg .today{stroke:var(--at-risk);stroke-dasharray:4 3}svg .today-label{fill:var(--at-risk)}
        svg .bar-part{fill:var(--path)}svg .bar-total{fill:var(--on-track)}svg .bar-uncounted{fill:var(--line)}
        svg .bar-remainder{fill:none;stroke:var(--remainder);stroke-dasharray:4 3;stroke-width:2}svg .bar-over{fill:var(--over)}
        svg .connector{stroke:var(--muted);stroke-dasharray:2 2}svg .track{fill:var(--line)}
        svg .w0{fill:#2f6fdb}svg .w1{fill:#2a8a57}svg .w2{fill:#a86400}svg .w3{fill:#7b4fc9}svg .w4{fill:#c4331c}svg .w5{fill:#2b8a9a}
        svg .on-bar{fill:#fff}
        .path-chart figcaption::after{content:"  ━ path  ◆ milestone  ● actual  ┆ today"/""}
        details{margin:.4rem 0;font-size:.9rem}summary{cursor:pointer;color:var(--accent)}
        table{border-collapse:collapse;margin:.4rem 0;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.2rem 0}
        th,td{padding:.15rem .6rem;border-bottom:1px solid var(--line);text-align:right}th[scope=row],thead th:first-child{text-align:left}
        .card-findings,.finding-list{padding-left:1.1rem;font-size:.88rem}
        .sev{font-weight:700;text-transform:uppercase;font-size:.75em}.sev-error{color:var(--at-risk)}.sev-warning{color:var(--behind)}
        .sev-info{color:var(--accent)}.sev-hint{color:var(--muted)}.loc,.code{color:var(--muted)}
        .perspectives{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:1rem}
        @media (max-width:900px){.perspectives{grid-template-columns:1fr 1fr}}
        .perspective{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
        .perspective ul{list-style:none;padding:0;margin:0;font-size:.88rem}.perspective li{margin:.35rem 0}
        .perspective .link{display:block;color:var(--muted);padding-left:1rem}
        .hint{color:var(--muted)}
        [hidden]{display:none!important}.more{height:1px}
        @media print{
        body{padding:0;font-size:10.5px;background:#fff;color:#000}
        .skip,.toc,.scorecard,.findings,.unrooted,.fold,details.actions{display:none!important}
        .goal{break-before:page;border:0;margin:0}.goal:first-of-type{break-before:auto}
        .report-header+main .goal:first-of-type h2{margin-top:.6rem}
        .goal-body{grid-template-columns:1fr;gap:.4rem}
        .card,.tree .node,.perspective li,.finding-list li{content-visibility:visible}
        .tree ul{column-count:2;column-gap:1.2rem}.node{break-inside:avoid;font-size:.85rem}
        .node .title,.node .file{display:none}.node .bar{width:3rem}
        .card:not(.goal-card){display:none}
        .card{padding:.4rem .6rem;border-radius:4px}
        .node{padding-top:.05rem;padding-bottom:.05rem}
        h1{font-size:1.4rem}h2{font-size:1.15rem;margin:.4rem 0}.counts{margin:.1rem 0}
        .numbers{margin:.2rem 0;font-size:.85rem}.meta,.children{margin:.1rem 0 .3rem}
        .goal-card figure{display:inline-block;width:49%;vertical-align:top;margin:.2rem 0}
        svg{max-width:100%}
        details.tables{display:none}
        @page{size:A4;margin:12mm}
        }

        """

    static let script = """
        // Folding the tree, filtering by status, and building the parts kept as text in noscript.later.
        (function(){
          var filter=null;
          function fold(root){
            var rows=[].slice.call(root.querySelectorAll('.node'));
            rows.forEach(function(row,i){
              if(!row.classList.contains('parent'))return;
              var b=document.createElement('button');b.type='button';b.className='fold';b.textContent='▾';
              b.setAttribute('aria-expanded','true');b.setAttribute('aria-label','Fold '+row.dataset.kpi);
              b.addEventListener('click',function(){
                var open=b.getAttribute('aria-expanded')!=='true',d=+row.dataset.depth;
                b.setAttribute('aria-expanded',String(open));b.textContent=open?'▾':'▸';
                for(var j=i+1;j<rows.length&&+rows[j].dataset.depth>d;j++){
                  if(open){rows[j].hidden=false;var f=rows[j].querySelector('.fold');if(f){f.setAttribute('aria-expanded','true');f.textContent='▾';}}
                  else rows[j].hidden=true;
                }
              });
              row.insertBefore(b,row.firstChild);
            });
          }
          function hide(root){
            root.querySelectorAll('.node,.card,.perspective li').forEach(function(el){
              el.hidden=filter!==null&&el.dataset.status!==filter;
            });
          }
          function build(n){
            if(!n.parentNode)return;
            var t=document.createElement('template');
            t.innerHTML=n.textContent;
            fold(t.content);if(filter!==null)hide(t.content);
            n.parentNode.replaceChild(t.content,n);
          }
          var buttons=[].slice.call(document.querySelectorAll('button.filter'));
          buttons.forEach(function(b){
            b.disabled=false;
            b.addEventListener('click',function(){
              var on=b.getAttribute('aria-pressed')!=='true';
              buttons.forEach(function(o){o.setAttribute('aria-pressed','false');});
              if(on)b.setAttribute('aria-pressed','true');
              filter=on?b.dataset.filter:null;
              hide(document);
            });
          });
          var later=[].slice.call(document.querySelectorAll('noscript.later'));
          function done(){document.documentElement.setAttribute('data-built','all');}
          if(later.length<=500){later.forEach(build);done();return;}
          // A large page: what is near the viewport first, a link's card before the jump, the
          // printed parts before printing, the rest while the browser is idle.
          function reach(id){
            if(!id||document.getElementById(id))return;
            var n=document.querySelector('noscript.later[data-id="'+CSS.escape(id)+'"]');
            if(n)build(n);
          }
          document.addEventListener('click',function(e){
            var a=e.target.closest&&e.target.closest('a[href^="#"]');
            if(a)reach(decodeURIComponent(a.getAttribute('href').slice(1)));
          },true);
          addEventListener('hashchange',function(){
            var id=decodeURIComponent(location.hash.slice(1));reach(id);
            var el=document.getElementById(id);if(el)el.scrollIntoView();
          });
          addEventListener('beforeprint',function(){
            later.forEach(function(n){if(n.classList.contains('print'))build(n);});
          });
          function near(el){var r=el.getBoundingClientRect();return r.top<innerHeight*3&&r.bottom>-innerHeight*2;}
          var observer=new IntersectionObserver(function(entries){
            entries.forEach(function(e){
              var r=e.target.region;
              while(e.isIntersecting&&r.next<r.list.length&&near(r.more)){
                for(var k=0;k<8&&r.next<r.list.length;k++)build(r.list[r.next++]);
              }
              if(r.next>=r.list.length){observer.unobserve(r.more);r.more.remove();}
            });
          },{rootMargin:'200% 0px'});
          document.querySelectorAll('section.goal,section.scorecard,section.findings').forEach(function(section){
            var list=[].slice.call(section.querySelectorAll('noscript.later'));
            if(!list.length)return;
            var more=document.createElement('div');more.className='more';
            more.region={list:list,next:0,more:more};
            (section.querySelector('.cards')||section).appendChild(more);
            observer.observe(more);
          });
          if(location.hash){var id=decodeURIComponent(location.hash.slice(1));reach(id);var el=document.getElementById(id);if(el)el.scrollIntoView();}
          var next=0;
          function idle(deadline){
            while(next<later.length&&deadline.timeRemaining()>2)build(later[next++]);
            if(next<later.length)requestIdleCallback(idle);else done();
          }
          addEventListener('load',function(){requestIdleCallback(idle);});
        })();

        """
}
