// The XSOAR side of code42-soar: a JavaScript integration script that runs inside the XSOAR server's JS
// engine and forwards every command, test-module and fetch-incidents to the code42-soar service.
// XSOAR provides `params`, `args`, `command`, `http`, `getLastRun`, `setLastRun` and allows a top-level return.

var serviceUrl = String(params.service_url || '').replace(/\/+$/, '');
var apiKey = params.credentials ? params.credentials.password : '';

function briefly(text) {
  var body = String(text || '');
  try {
    var parsed = JSON.parse(body);
    if (parsed && parsed.message) return parsed.message;
  } catch (e) {
    // not JSON: show the start of the text
  }
  return body.length > 300 ? body.slice(0, 300) + '...' : body;
}

function post(path, body) {
  var response = http(
    serviceUrl + path,
    {
      Method: 'POST',
      Headers: { 'Content-Type': ['application/json'], Accept: ['application/json'], Authorization: ['Bearer ' + apiKey] },
      Body: JSON.stringify(body),
    },
    params.insecure === true,
    params.proxy === true,
  );
  if (response.StatusCode === 401) throw 'The code42-soar service refused the API key: check the Service API key parameter.';
  if (response.StatusCode < 200 || response.StatusCode > 299) {
    throw 'The code42-soar service answered ' + response.StatusCode + ' for ' + path + ': ' + briefly(response.Body);
  }
  return JSON.parse(response.Body);
}

function fetchParams() {
  return {
    alert_severity: params.alert_severity || [],
    first_fetch: params.first_fetch,
    max_fetch: params.max_fetch,
    include_files: params.include_files === true,
    incidentType: params.incidentType,
    fetch_lookback: params.fetch_lookback,
  };
}

if (!serviceUrl) throw 'Set the code42-soar service URL parameter.';

switch (command) {
  case 'test-module': {
    var checks = post('/v1/commands/test-module', {});
    return checks[0] && checks[0].Type === 4 ? String(checks[0].Contents) : 'ok';
  }
  case 'fetch-incidents': {
    var fetched = post('/v1/fetch-incidents', { lastRun: getLastRun() || {}, params: fetchParams() });
    setLastRun(fetched.lastRun);
    return JSON.stringify(fetched.incidents);
  }
  default:
    return post('/v1/commands/' + encodeURIComponent(command), args || {});
}
