'use strict';

// The release-readiness verdict by area on the overview: the table of release-readiness.md. Its data,
// widgets/tollgate-verdict.json, is written into the report by Tollgate's reports module (VerdictWidget).
(function () {
    var NAME = 'tollgate-verdict';
    var ENTITIES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

    function escape(text) {
        return String(text === undefined || text === null ? '' : text).replace(/[&<>"']/g, function (c) {
            return ENTITIES[c];
        });
    }

    function modifier(text) {
        return String(text || '').toLowerCase().replace(/[^a-z]/g, '');
    }

    // Plain marks, not release-readiness.md's emoji: they show in a browser without an emoji font too.
    function mark(area) {
        if (area.status === 'PASSED') {
            return {name: 'passed', text: '✓'};
        }
        if (area.status === 'FAILED' && !area.advisory) {
            return {name: 'failed', text: '✗'};
        }
        return area.status === 'NOT_RUN' ? {name: 'notrun', text: '—'} : {name: 'warning', text: '!'};
    }

    function row(area) {
        return '<tr class="tollgate-verdict__area tollgate-verdict__area_' + modifier(area.status) + '">'
            + '<td class="tollgate-verdict__mark tollgate-verdict__mark_' + mark(area).name + '">' + mark(area).text + '</td>'
            + '<td class="tollgate-verdict__label">' + escape(area.label)
            + (area.required ? ' <span class="tollgate-verdict__required">(required)</span>' : '') + '</td>'
            + '<td class="tollgate-verdict__result">' + escape(area.result) + '</td>'
            + '<td class="tollgate-verdict__why">' + escape(area.why) + '</td>'
            + '</tr>';
    }

    function template(data) {
        var reasons = (data.reasons || []).map(function (reason) {
            return '<li>' + escape(reason) + '</li>';
        }).join('');
        return '<h2 class="widget__title">Release readiness</h2>'
            + '<div class="tollgate-verdict__head">'
            + '<span class="tollgate-verdict__badge tollgate-verdict__badge_' + modifier(data.verdict) + '">'
            + escape(data.verdict) + '</span>'
            + '<span class="tollgate-verdict__releases">' + escape(data.previous) + ' → ' + escape(data.candidate)
            + ' on ' + escape(data.profile) + '</span>'
            + (data.gate === 'report-only' ? '<span class="tollgate-verdict__gate">gate: report-only</span>' : '')
            + '</div>'
            + (reasons ? '<ul class="tollgate-verdict__reasons">' + reasons + '</ul>' : '')
            + '<table class="tollgate-verdict__table"><thead><tr><th></th><th>area</th><th>result</th><th>why</th></tr>'
            + '</thead><tbody>' + (data.areas || []).map(row).join('') + '</tbody></table>';
    }

    allure.api.addWidget('widgets', NAME, allure.components.WidgetStatusView.extend({
        className: 'tollgate-verdict',
        getTemplate: function () {
            return template;
        },
        serializeData: function () {
            return this.model.toJSON();
        },
        onRender: function () {
            // The verdict is what a person opens the report for: first in the first column, once it is in the page.
            var view = this;
            setTimeout(function () {
                var widget = view.$el.closest('.widget');
                var first = widget.closest('.widgets-grid').find('.widgets-grid__col').first();
                if (widget.length && first.length && first.children('.widget').first()[0] !== widget[0]) {
                    first.prepend(widget);
                }
            }, 0);
        }
    }));
})();
