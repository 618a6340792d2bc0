/*
 * Strata operator console: live training-job charts. Draws each job's loss and accuracy per epoch with Chart.js
 * (served from the registry jar) and, while a job is active, polls /console/api/jobs and updates the charts, the
 * state and the last epoch in place. Only textContent is written: job data is never parsed as HTML.
 */
(function () {
  'use strict';

  var ACCURACY = 'accuracy';
  var charts = {};

  function sections() {
    return Array.prototype.slice.call(document.querySelectorAll('section.job[data-job]'));
  }

  function sectionOf(jobId) {
    return sections().filter(function (s) { return s.getAttribute('data-job') === jobId; })[0];
  }

  function number(value) {
    return String(Math.round(value * 10000) / 10000);
  }

  function chartFor(section) {
    var jobId = section.getAttribute('data-job');
    if (charts[jobId]) {
      return charts[jobId];
    }
    var holder = section.querySelector('div.progress');
    var canvas = document.createElement('canvas');
    canvas.className = 'live-chart';
    canvas.width = 520;
    canvas.height = 240;
    holder.textContent = '';
    holder.appendChild(canvas);
    charts[jobId] = new Chart(canvas, {
      type: 'line',
      data: {labels: [], datasets: [
        {label: 'loss', data: [], borderColor: '#c5412b', backgroundColor: '#c5412b', yAxisID: 'y', tension: 0.2},
        {label: ACCURACY, data: [], borderColor: '#2457c5', backgroundColor: '#2457c5', yAxisID: 'y1', tension: 0.2}
      ]},
      options: {
        responsive: false, animation: false,
        scales: {
          x: {title: {display: true, text: 'epoch'}},
          y: {position: 'left', beginAtZero: true, title: {display: true, text: 'loss'}},
          y1: {position: 'right', min: 0, max: 1, grid: {drawOnChartArea: false}, title: {display: true, text: ACCURACY}}
        }
      }
    });
    return charts[jobId];
  }

  function show(job, activeStates) {
    var section = sectionOf(job.jobId);
    if (!section) {
      return false;
    }
    var state = section.querySelector('span.state');
    state.textContent = job.state;
    state.className = 'state ' + (job.state === 'SUCCEEDED' ? 'good'
      : (job.state === 'FAILED' || job.state === 'CANCELLED') ? 'bad' : 'running');
    var progress = job.progress || [];
    if (progress.length) {
      var last = progress[progress.length - 1];
      var text = 'epoch ' + last.epoch + ' · loss ' + number(last.loss);
      Object.keys(last.metrics || {}).sort().forEach(function (k) { text += ' · ' + k + ' ' + number(last.metrics[k]); });
      section.querySelector('p.last-epoch').textContent = text;
      var chart = chartFor(section);
      chart.data.labels = progress.map(function (p) { return p.epoch; });
      chart.data.datasets[0].data = progress.map(function (p) { return p.loss; });
      chart.data.datasets[1].data = progress.map(function (p) {
        return p.metrics && p.metrics[ACCURACY] !== undefined ? p.metrics[ACCURACY] : null;
      });
      chart.update();
    }
    return activeStates.indexOf(job.state) >= 0;
  }

  function apply(data) {
    var active = false;
    var unseen = 0;
    data.jobs.forEach(function (job) {
      if (!sectionOf(job.jobId)) {
        unseen++;
      } else if (show(job, data.activeStates)) {
        active = true;
      }
    });
    var note = document.getElementById('live-note');
    if (note) {
      note.textContent = (active ? 'A job is running: live progress, updated every ' + data.pollSeconds + ' s.'
        : 'No job is running.') + (unseen ? ' ' + unseen + ' new job(s): reload the page to see them.' : '');
    }
    if (active) {
      setTimeout(poll, data.pollSeconds * 1000);
    }
  }

  function poll() {
    fetch('/console/api/jobs', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (reply) {
        if (reply.status === 401) {
          window.location.assign('/console/login');
          return null;
        }
        if (!reply.ok) {
          throw new Error('HTTP ' + reply.status);
        }
        return reply.json();
      })
      .then(function (data) { if (data) { apply(data); } })
      .catch(function () { setTimeout(poll, 10000); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof Chart === 'undefined' || !sections().length) {
      return;
    }
    poll();
  });
})();
