// Cockpit's settings for this application: Camunda's defaults, plus the account record plugin
// (scripts/account-record/plugin.js) on the process instance page and the dashboard.
export default {
  customScripts: [
    'scripts/account-record/plugin.js'
  ]
};
