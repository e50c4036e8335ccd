/** Non-production endpoint that pushes a simulated provider status through the webhook pipeline. */
package io.github.accountopening.sandbox;
