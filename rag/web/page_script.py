"""The chat page's scripts: the one run once the page is up (JS: keep the question asked in view, label messages with
their words for screen readers, copy an answer as text, keep a reached card highlighted, hold Enter while an answer is
written (asked once it has ended when typed on after), put the focus back in the question box) and the one in <head>
that keeps each tab's own conversation (HEAD)."""

# Keep each new question at the top of the chat while its answer comes in (Gradio's autoscroll would show the
# end of its sources), until the member scrolls or follows a link themselves, or the answer is finished: after that any
# change to the page (the About line's tick, Gradio's scroll-down button shown) scrolled the chat back to the question,
# undoing in 50 ms a scroll made with no wheel, touch, key or click in the chat (the scrollbar dragged, find in page, a
# screen reader's cursor; walk 35). While it comes in, such a scroll of the chat counts as the member's own too.
JS = """() => {
  let current = null, moved = false, placed = null;  // placed: where following left the chat's scroll
  const mine = e => { if (e.target.closest && e.target.closest('#chat')) moved = true; };
  ['wheel', 'touchmove', 'keydown', 'click'].forEach(t => document.addEventListener(t, mine, true));
  // ... and a scroll of the chat away from there, the scrollbar dragged or find in page (no event of those)
  document.addEventListener('scroll', e => {
    const box = e.target;
    if (placed !== null && box.matches && box.matches('#chat .bubble-wrap') && Math.abs(box.scrollTop - placed) > 40)
      moved = true;
  }, true);
  const follow = () => {
    const answers = document.querySelectorAll('#chat .answer[id]');
    const last = answers[answers.length - 1];
    if (!last) { current = null; return; }
    if (last.id !== current) { current = last.id; moved = false; placed = null; }
    const asked = document.querySelectorAll('#chat .asked');
    if (!moved && asked.length) {
      asked[asked.length - 1].scrollIntoView({block: 'start'});
      const box = document.querySelector('#chat .bubble-wrap');
      placed = box ? box.scrollTop : null;
    }
    if (last.matches('.st-done, .st-refused, .st-stopped, .st-elsewhere')) moved = true;  // followed to its end
  };
  // Gradio labels each message with its raw HTML: screen readers would read the tags. Label it with its text.
  const label = () => document.querySelectorAll('#chat [aria-label*="<"]').forEach(el => {
    const raw = el.getAttribute('aria-label'), cut = raw.indexOf(': ') + 2;
    const tpl = document.createElement('template');  // inert: nothing in it runs or loads
    tpl.innerHTML = raw.slice(cut);
    tpl.content.querySelectorAll('details, .sr-only').forEach(d => d.remove());  // the sources are read apart
    el.setAttribute('aria-label', raw.slice(0, cut) + tpl.content.textContent.replace(/\\s+/g, ' ').trim());
  });
  // Gradio's copy button copies a message's HTML: copy its words, then the cited sources with their links.
  const asText = html => {
    const tpl = document.createElement('template');
    tpl.innerHTML = html;
    const words = s => (s ? s.textContent : '').replace(/\\s+/g, ' ').trim();
    const cards = [...tpl.content.querySelectorAll('details.sources > ol > li.src')].map(li => {
      const link = li.querySelector('a.src-link');
      return [words(li.querySelector('.src-head')), words(li.querySelector('.src-meta')),
              link ? new URL(link.getAttribute('href'), location.href).href : ''].filter(Boolean).join(' - ');
    });
    tpl.content.querySelectorAll('details, .sr-only').forEach(d => d.remove());
    tpl.content.querySelectorAll('p, div, li, blockquote, br').forEach(el => el.after('\\n'));
    const body = tpl.content.textContent.split('\\n').map(l => l.replace(/\\s+/g, ' ').trim()).filter(Boolean);
    return body.join('\\n\\n') + (cards.length ? '\\n\\nSources:\\n' + cards.join('\\n') : '');
  };
  const ours = s => typeof s === 'string' && /class="(answer|asked)/.test(s);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = s => write(ours(s) ? asText(s) : s);
  }
  document.addEventListener('copy', e => {  // Gradio's fallback without a secure context: a hidden textarea
    const el = document.activeElement;
    if (el && el.tagName === 'TEXTAREA' && ours(el.value)) { e.clipboardData.setData('text/plain', asText(el.value)); e.preventDefault(); }
  });
  // A streamed answer is redrawn every few tokens: the source card reached by [n] keeps its highlight.
  // A malformed address (#%E0%A4%A) names no card: decoding it threw at every redraw (a walk), and what runs after it.
  const reach = () => {
    let id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { /* no card has that name */ }
    document.querySelectorAll('#chat .src.reached').forEach(el => { if (el.id !== id) el.classList.remove('reached'); });
    const el = id && document.getElementById(id);
    if (el && el.matches('#chat .src') && !el.classList.contains('reached')) el.classList.add('reached');
  };
  window.addEventListener('hashchange', reach);
  // While an answer is written (Stop shown instead of Ask) Enter does not send the next question at once: it waits,
  // and the status line says so (a walk: Enter did nothing visible). Once the last answer is drawn as ended, Enter
  // sends, even in the moment before Ask replaces Stop.
  const writing = () => {
    const answers = document.querySelectorAll('#chat .answer');
    const last = answers[answers.length - 1];
    return !!last && !last.matches('.st-done, .st-refused, .st-stopped, .st-elsewhere');
  };
  const hint = said => {
    const box = document.querySelector('#status .html-container, #status .prose') || document.getElementById('status');
    if (!box) return;
    box.querySelectorAll('.wait-hint').forEach(el => el.remove());
    const note = document.createElement('div');
    note.className = 'msg-note wait-hint';
    note.setAttribute('role', 'status');
    note.textContent = said;
    box.appendChild(note);  // beside Gradio's own nodes, which its next status update replaces
  };
  // Typed on after that, the question sent leaves the box and is asked by itself once the answer has ended: kept in the
  // box, what the member typed next ran on from it ("who are you?thanks!", walk 30). One waits at a time.
  let sent = '', held = '';  // sent: in the box as Enter left it; held: out of the box, to be asked
  const ENTER_LATER = 'Your next question waits in the box: press Enter once this answer is finished, or press Stop.';
  const put = (el, value) => { el.value = value; el.dispatchEvent(new Event('input', {bubbles: true})); };
  const unhint = () => {
    if (writing()) return;
    document.querySelectorAll('#status .wait-hint').forEach(el => el.remove());
    sent = '';
    const ask = document.getElementById('ask'), el = document.querySelector('#question textarea');
    if (!held || !el || !ask || ask.offsetParent === null) return;
    const question = held, typed = el.value;
    held = '';
    put(el, question);
    setTimeout(() => {
      ask.click();
      if (!typed.trim()) return;
      let tries = 100;  // what was typed meanwhile goes back once the question has left the box
      const back = setInterval(() => {
        if (el.value === '') put(el, typed);
        if (el.value !== question || --tries <= 0) clearInterval(back);
      }, 100);
    }, 50);
  };
  const typedOn = e => {  // the member goes on typing after the question Enter left in the box: it is held apart
    const el = e.target;
    if (!sent || held || !writing() || el.value.trim() !== sent || el.selectionStart !== el.value.length) return;
    held = sent;
    sent = '';
    put(el, '');
    hint(`Your question "${held}" is asked by itself once this answer is finished (or press Stop to ask it now).`);
  };
  document.addEventListener('keydown', e => {
    const box = e.target.closest && e.target.closest('#question');
    if (!box || e.target.tagName !== 'TEXTAREA') return;
    const stop = document.getElementById('stop');
    if (e.key === 'Enter' && !e.shiftKey && stop && stop.offsetParent !== null && writing()) {
      e.preventDefault(); e.stopImmediatePropagation();
      if (!held) sent = e.target.value.trim();
      hint(held ? `"${held}" is asked once this answer is finished: press Enter for this one after it.` : ENTER_LATER);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) typedOn(e);
  }, true);
  document.addEventListener('paste', e => { if (e.target.closest && e.target.closest('#question')) typedOn(e); }, true);
  // Gradio's dropdown reopens its list (one option) when Tab leaves it: close it as Escape does. Looked at again for
  // a second: on a busy machine Gradio's reopening came after the first look (a CI run found the list open at 800 ms).
  document.addEventListener('focusout', e => {
    const box = e.target.closest && e.target.closest('#issue-filter');
    if (box && e.target.tagName === 'INPUT') [50, 200, 500, 1000].forEach(ms => setTimeout(() => {
      if (!box.contains(document.activeElement) && box.querySelector("[role='option']"))
        e.target.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
    }, ms));
  });
  // Ask and Stop swap places as an answer starts and ends, and the comment box goes once its comment is sent: pressed
  // from the keyboard (a click with no pointer clicks to count, or Enter), the focus went with what was hidden, to the
  // page (a walk's next Tab found an unnamed button): it goes to the question box. Not after a pointer's click: on a
  // phone that would open the keyboard over the answer.
  const refocus = gone => {
    let tries = 50;
    const moved = setInterval(() => {
      const at = document.activeElement, lost = !at || at === document.body || gone.contains(at);
      if (lost && gone.offsetParent === null) document.querySelector('#question textarea')?.focus();
      if (!lost || gone.offsetParent === null || --tries <= 0) clearInterval(moved);
    }, 100);
  };
  document.addEventListener('click', e => {
    const pressed = e.target.closest && e.target.closest('#ask, #stop, #fb-send');
    if (pressed && e.detail === 0) refocus(pressed.id === 'fb-send' ? document.getElementById('fb-more') : pressed);
  }, true);
  document.addEventListener('keydown', e => {
    const box = e.key === 'Enter' && !e.shiftKey && e.target.closest && e.target.closest('#fb-more');
    if (box && e.target.tagName === 'TEXTAREA') refocus(box);
  }, true);
  new MutationObserver(() => { follow(); label(); reach(); unhint(); }).observe(document.body,
    {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label']});
}"""

# Each tab keeps its own conversation (and issue filter). Gradio's BrowserState keeps one copy in localStorage for every
# tab, so with two tabs open the last to save won: a walk reloaded the first tab and found the second tab's chat, its
# own gone. A tab reads its own copy first (sessionStorage: kept across its reloads and the Back button), and every save
# still goes to localStorage, so a new tab, or the app opened another day, starts from the conversation saved last.
# A tab that has asked nothing itself (a new tab: FOLLOWS) follows the conversation saved last, across its reloads, and
# reloads when another tab saves while its last question is being answered there (rag.web.interrupts): walk 33's new tab
# showed the first tab's question stopped while the first tab went on to answer it.
# Runs in <head>, before Gradio reads the saved copy.
HEAD = """<script>(() => {
  const KEYS = ['hm-archive-chat', 'hm-archive-issue'], FOLLOWS = 'hm-archive-follows', proto = Storage.prototype;
  const get = proto.getItem, set = proto.setItem;
  let tab;
  try { tab = window.sessionStorage; } catch (e) { return; }
  const shared = s => { try { return s === window.localStorage; } catch (e) { return false; } };
  proto.getItem = function (key) {
    if (shared(this) && KEYS.includes(key)) {
      if (key === KEYS[0] && get.call(tab, key) === null) set.call(tab, FOLLOWS, '1');
      const own = get.call(tab, FOLLOWS) === '1' ? null : get.call(tab, key);
      if (own !== null) return own;
    }
    return get.call(this, key);
  };
  // A tab that follows keeps the chat it saves (Gradio writes it back as a page loads) to itself: shared, it told every
  // other tab that follows to reload, and each reload told the others again, until the answer was finished. The issue
  // chosen is shared still: it reloads no tab, and a member choosing one, then reloading, keeps it.
  proto.setItem = function (key, value) {
    if (shared(this) && KEYS.includes(key)) {
      set.call(tab, key, value);
      if (key === KEYS[0] && get.call(tab, FOLLOWS) === '1') return;
    }
    return set.call(this, key, value);
  };
  const own = () => tab.removeItem(FOLLOWS);  // asked or voted here, or started afresh: its conversation is its own
  const acts = "#ask, #new-chat, #chat button.example, #chat button[aria-label^='Like'], " +
    "#chat button[aria-label^='Dislike']";
  document.addEventListener('click', e => { if (e.target.closest && e.target.closest(acts)) own(); }, true);
  document.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && e.target.closest && e.target.closest('#question')) own();
  }, true);
  // Looked at again while the page is still drawing its chat: a save arriving then was missed (a test's reload race).
  const check = tries => {
    const answers = document.querySelectorAll('#chat .answer'), last = answers[answers.length - 1];
    const box = document.querySelector('#question textarea');
    if (!last || !box) { if (tries > 0) setTimeout(() => check(tries - 1), 250); return; }
    if (last.classList.contains('st-elsewhere') && !box.value.trim()) location.reload();
  };
  window.addEventListener('storage', e => { if (e.key === KEYS[0] && get.call(tab, FOLLOWS) === '1') check(40); });
})();</script>"""
