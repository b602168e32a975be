// The XSOAR side of code42-soar: a JavaScript integration script that runs inside the XSOAR server's JS
// engine and forwards every command, test-module and fetch-incidents to the code42-soar service.
// XSOAR provides `params`, `args`, `command`, `http`, `getLastRun`, `setLastRun` and allows a top-level return.
/* global FETCH_PARAMETERS */

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

// FETCH_PARAMETERS (the fetch parameters and their aliases, from the parameter table) is written in front of
// this script by npm run gen. Unset ones are left out, so the service's own configuration applies.
function fetchParams() {
  var forwarded = {};
  for (var i = 0; i < FETCH_PARAMETERS.length; i++) {
    var value = params[FETCH_PARAMETERS[i]];
    if (value !== undefined && value !== null && value !== '') forwarded[FETCH_PARAMETERS[i]] = value;
  }
  return forwarded;
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
