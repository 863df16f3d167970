// Injected at the top of a copy of a page by chromium_render_test.sh; the
// shipped report has no script. It records console errors and failed loads
// from the start, and once the page has loaded writes what it found into a
// pre element (id mhpbr-check) that --dump-dom carries out of the browser:
// one line per problem, after a first line "charts N".
(function () {
  var errors = [];
  var original = console.error;
  console.error = function () {
    errors.push('console error: ' + Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
  window.addEventListener('error', function (e) {
    var what = e.message || (e.target && (e.target.src || e.target.href)) ||
        'a resource';
    errors.push('page error: ' + what);
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('unhandled rejection: ' + e.reason);
  });

  // A chart is empty when nothing in it that marks data (a rect, circle,
  // path or polygon: grid lines and text do not count) has any area.
  function marksData(svg) {
    var marks = svg.querySelectorAll('rect,circle,ellipse,path,polygon,polyline');
    for (var i = 0; i < marks.length; i++) {
      var r = marks[i].getBoundingClientRect();
      if (r.width > 0 && r.height > 0) return true;
    }
    return false;
  }

  // Text is clipped when any of its box lies outside its chart's box (an
  // SVG clips what falls outside its viewport); half a pixel of slack for
  // anti-aliasing.
  function clippedText(svg, index, problems) {
    var box = svg.getBoundingClientRect();
    var texts = svg.querySelectorAll('text');
    for (var i = 0; i < texts.length; i++) {
      var r = texts[i].getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - 0.5 || r.top < box.top - 0.5 ||
          r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5) {
        problems.push('chart ' + index + ' (' + (svg.getAttribute('aria-label') || '') +
            '): text clipped: "' + texts[i].textContent + '"');
      }
    }
  }

  window.addEventListener('load', function () {
    var problems = errors.slice();
    var charts = document.querySelectorAll('svg');
    for (var i = 0; i < charts.length; i++) {
      if (!marksData(charts[i])) {
        problems.push('chart ' + i + ' (' + (charts[i].getAttribute('aria-label') || '') +
            '): empty');
      }
      clippedText(charts[i], i, problems);
    }
    var pre = document.createElement('pre');
    pre.id = 'mhpbr-check';
    pre.textContent = ['charts ' + charts.length].concat(problems).join('\n');
    document.body.appendChild(pre);
  });
})();
