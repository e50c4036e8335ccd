/** NexusBank client: account opening requests, status polls and the legacy synchronous call. */
package io.github.accountopening.provider;
