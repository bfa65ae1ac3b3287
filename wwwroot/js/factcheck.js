// FactCheck's own browser helpers, loaded by App.razor.
window.factcheck = {
    // The selected range inside a document text element, as offsets into the document's text.
    // Every piece of the rendered text carries data-start (its offset in the document), so the
    // offsets stay exact whatever highlighting wraps the text.
    selectionIn: function (container) {
        const selection = window.getSelection();
        if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
        const range = selection.getRangeAt(0);
        if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
        const offsetOf = (node, offset) => {
            const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
            const piece = element.closest('[data-start]');
            if (!piece || !container.contains(piece)) return null;
            const before = document.createRange();
            before.setStart(piece, 0);
            before.setEnd(node, offset);
            return parseInt(piece.dataset.start, 10) + before.toString().length;
        };
        const start = offsetOf(range.startContainer, range.startOffset);
        const end = offsetOf(range.endContainer, range.endOffset);
        if (start === null || end === null || end <= start) return null;
        return { start: start, length: end - start };
    }
};

// Keyboard shortcuts for the review loop (listed in Layout/ShortcutsHelp.razor, opened with "?").
// Keys act on elements by their ids, so a page that lacks one simply ignores the key.
(function () {
    let pendingG = false;
    const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.closest('[role=combobox],[role=textbox]'));
    const clickById = (id) => { const el = document.getElementById(id); if (el && !el.disabled) { el.click(); return true; } return false; };
    const focusById = (id) => {
        const el = document.getElementById(id);
        if (!el) return false;
        const target = el.matches('input,textarea,button,select,[tabindex]') ? el : (el.querySelector('input,textarea,button,[tabindex]') || el);
        target.scrollIntoView({ block: 'center' });
        target.focus();
        return true;
    };
    const claimId = () => { const m = location.pathname.match(/\/claims\/(\d+)/); return m ? m[1] : null; };
    document.addEventListener('keydown', (e) => {
        if (e.defaultPrevented || e.altKey || e.metaKey) return;
        if (e.ctrlKey && e.key === 'Enter' && e.target.closest && e.target.closest('#verdict-form')) {
            if (clickById('verdict-save')) e.preventDefault();
            return;
        }
        if (e.ctrlKey || typing(e.target) || document.querySelector('.mud-popover-open, dialog[open]:not(#shortcuts-help)')) return;
        const help = document.getElementById('shortcuts-help');
        if (help && help.open) return;
        let handled = true;
        if (pendingG) {
            pendingG = false;
            if (e.key === 'c') location.assign('/claims');
            else if (e.key === 'm') location.assign('/my/assignments');
            else handled = false;
        } else switch (e.key) {
            case '?': if (help) help.showModal(); else handled = false; break;
            case 'g': pendingG = true; break;
            case 'n': location.assign('/shortcuts/next-claim' + (claimId() ? '?after=' + claimId() : '')); break;
            case 'a': handled = focusById('assign-reviewer') || clickById('self-assign'); break;
            case 'c': handled = focusById('comment-body'); break;
            case 'v': handled = focusById('verdict-rating'); break;
            case 's': handled = clickById('verdict-save'); break;
            default: handled = false;
        }
        if (handled) e.preventDefault();
    });
})();

// The browser's time zone, for the server to show times in it (Infrastructure/UserTimeZone.cs).
(function () {
    try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        const cookie = 'fc-tz=' + encodeURIComponent(zone);
        if (zone && !document.cookie.split('; ').includes(cookie))
            document.cookie = cookie + '; path=/; max-age=31536000; samesite=lax';
    } catch (e) { /* no Intl: times stay in UTC, labelled so */ }
})();
