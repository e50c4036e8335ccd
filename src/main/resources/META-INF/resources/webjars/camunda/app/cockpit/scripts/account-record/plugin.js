// The account record and its audit trail inside Cockpit: a tab on a running instance, and a lookup by
// request id on the dashboard for any opening, finished or not. Everything is read from the
// application's own API (GET /api/account-openings/...) with the user's Cockpit login, so the same
// group rules apply as everywhere else. Values reach the page as text only: names and reasons come
// from onboarding and the provider.

const RECORD_FIELDS = [
  ['status', 'Status'], ['requestId', 'Request id'], ['customerId', 'Customer'], ['market', 'Market'],
  ['customerType', 'Customer type'], ['mode', 'Mode'], ['trackingId', 'Tracking id'], ['iban', 'IBAN'],
  ['bic', 'BIC'], ['rejectionReason', 'Rejection reason'], ['cardId', 'Card'], ['ticketKey', 'Ticket'],
  ['processInstanceId', 'Process instance'], ['createdAt', 'Created'], ['updatedAt', 'Updated']
];
// As onboarding's start call accepts it (the business key).
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const EVENT_FIELDS = [['at', 'When'], ['source', 'Source'], ['status', 'Status'], ['outcome', 'Outcome'],
  ['webhookId', 'Webhook id']];

// The application's root, from the webapps' engine API ({root}/camunda/api/engine, /operaton on Operaton).
function applicationRoot(camunda) {
  return camunda.baseApi.replace(/\/[^/]*\/api\/engine\/?$/, '');
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child))));
  return node;
}

async function getJson(url) {
  // X-Requested-With: a 401 then comes without the Basic challenge that would open the browser's login dialog.
  const response = await fetch(url, {credentials: 'same-origin',
    headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    let detail = '';
    try {
      const body = await response.json();
      detail = body.detail || body.message || '';
    } catch (e) {
      // no body to explain it
    }
    throw new Error('HTTP ' + response.status + (detail ? ': ' + detail : ''));
  }
  return response.json();
}

function recordUrl(camunda, requestId, suffix = '') {
  return applicationRoot(camunda) + '/api/account-openings/' + encodeURIComponent(requestId) + suffix;
}

async function readOpening(camunda, requestId) {
  const record = await getJson(recordUrl(camunda, requestId));
  if (!record) {
    return null;
  }
  const events = await getJson(recordUrl(camunda, requestId, '/events'));
  return {record, events: events || []};
}

function instanceLink(processInstanceId, running) {
  if (!processInstanceId) {
    return '';
  }
  if (!running) {
    return element('span', {'class': 'account-record-ended'}, processInstanceId + ' (ended)');
  }
  return element('a', {href: '#/process-instance/' + encodeURIComponent(processInstanceId) + '/runtime',
    'class': 'account-record-instance'}, processInstanceId);
}

// Two fields a row, so the trail below stays in sight.
function recordTable(record, running) {
  const cells = RECORD_FIELDS.map(([field, label]) => {
    const value = field === 'processInstanceId' ? instanceLink(record[field], running) : record[field];
    return [element('th', {}, label), element('td', {'data-field': field}, value)];
  });
  const rows = [];
  for (let i = 0; i < cells.length; i += 2) {
    rows.push(element('tr', {}, ...cells.slice(i, i + 2).flat()));
  }
  return element('table', {'class': 'table table-condensed account-record'}, element('tbody', {}, ...rows));
}

function trailTable(events) {
  if (events.length === 0) {
    return element('p', {'class': 'account-record-trail-empty'}, 'No status has reached the record yet.');
  }
  const head = element('thead', {}, element('tr', {}, ...EVENT_FIELDS.map(([, label]) => element('th', {}, label))));
  const body = element('tbody', {}, ...events.map(event =>
    element('tr', {'class': 'account-record-event outcome-' + String(event.outcome).toLowerCase()},
      ...EVENT_FIELDS.map(([field]) => element('td', {'data-field': field}, event[field])))));
  return element('table', {'class': 'table table-condensed account-record-trail'}, head, body);
}

function showOpening(container, opening, running) {
  container.replaceChildren(
    element('h4', {}, 'Account record'), recordTable(opening.record, running),
    element('h4', {}, 'Audit trail'), trailTable(opening.events));
}

function showMessage(container, text, kind) {
  container.replaceChildren(element('div', {'class': 'alert alert-' + kind + ' account-record-message'}, text));
}

async function stillRunning(engineApi, processInstanceId) {
  if (!processInstanceId) {
    return false;
  }
  return (await getJson(engineApi + '/process-instance/' + encodeURIComponent(processInstanceId))) !== null;
}

async function businessKeyOf(engineApi, processInstanceId) {
  const id = encodeURIComponent(processInstanceId);
  const instance = await getJson(engineApi + '/process-instance/' + id)
    || await getJson(engineApi + '/history/process-instance/' + id);
  return instance ? instance.businessKey : null;
}

const runtimeTab = {
  id: 'account-opening-record-tab',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  label: 'Account record',
  render: (node, {api: camunda, processInstanceId}) => {
    const container = element('div', {'class': 'account-record-plugin'}, 'Loading the account record...');
    node.replaceChildren(container);
    businessKeyOf(camunda.engineApi, processInstanceId)
      .then(requestId => requestId ? readOpening(camunda, requestId) : null)
      .then(opening => opening
        ? showOpening(container, opening, true)
        : showMessage(container, 'This instance has no account record.', 'info'))
      .catch(error => showMessage(container, 'The account record could not be read (' + error.message + ').', 'danger'));
  }
};

const dashboardLookup = {
  id: 'account-opening-record-lookup',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node, {api: camunda}) => {
    const input = element('input', {type: 'text', 'class': 'form-control', name: 'requestId',
      placeholder: 'Request id', 'aria-label': 'Request id', maxlength: '64', size: '44'});
    const form = element('form', {'class': 'form-inline account-record-lookup'}, input, ' ',
      element('button', {type: 'submit', 'class': 'btn btn-default'}, 'Look up'));
    const result = element('div', {'class': 'account-record-plugin'});
    form.addEventListener('submit', event => {
      event.preventDefault();
      const requestId = input.value.trim();
      if (!REQUEST_ID.test(requestId)) {
        showMessage(result, 'A request id is 1-64 letters, digits, dots, underscores or hyphens.', 'warning');
        return;
      }
      showMessage(result, 'Looking up ' + requestId + '...', 'info');
      readOpening(camunda, requestId)
        .then(async opening => {
          if (!opening) {
            showMessage(result, 'No account opening with request id ' + requestId + '.', 'warning');
            return;
          }
          showOpening(result, opening, await stillRunning(camunda.engineApi, opening.record.processInstanceId));
        })
        .catch(error => showMessage(result, 'The account record could not be read (' + error.message + ').', 'danger'));
    });
    node.replaceChildren(element('section', {'class': 'dashboard-row account-record-dashboard'},
      element('h3', {'class': 'section-title'}, 'Account opening'), form, result));
  }
};

export default [runtimeTab, dashboardLookup];
