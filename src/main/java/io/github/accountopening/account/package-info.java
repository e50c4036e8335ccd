/** The account record, the anchor of every opening, with its forward-only transitions, audit trail and read API. */
package io.github.accountopening.account;
