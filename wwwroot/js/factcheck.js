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
