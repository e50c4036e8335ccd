/** Built-in stand-ins for NexusBank, the card platform and Jira, served over real HTTP for local runs, demos and tests. */
package io.github.accountopening.simulator;
