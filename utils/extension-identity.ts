/**
 * The public half of the key that fixes the Chrome extension id (inmnplpadaapkkgaedkmndpllkelbben),
 * so managed policy and forced-install entries never change. Its private half is a test fixture
 * (tests/fixtures/TEST-ONLY-signing-key.pem); a school that packs its own build uses its own key.
 */
export const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmojy8a59rgEg10rVB5A5vvNg4frDv+fGmb6wwy+fFauPGouIwgx8fkY5XwXaNn7B8K4Qr2Mym5LcMNgEKsJt7eYtU09E8BQOU0palMyhJVxQQiTAnuWYQ9E5qNJQt6TxIpywvCWpw9p3mu4u9lls86mAKn0fY4HAZa0CbtCJSEEcc2S37f6SqInIaUP/58fCxaitT3n/TSAjlyEYSk3rvfZN1o5L90ss+JSivZ+08yJr/NeMyNy9WM53/eLFox5/E/EAd8PAqo0x6LQ9rdsVUKrcdVRAExrA+6X2ZKC84yvn/eEZNu7iosmKucGk9ACIJP/5ZtVC4bFBo7VeYuuTwQIDAQAB';
export const CHROME_EXTENSION_ID = 'inmnplpadaapkkgaedkmndpllkelbben';
export const GECKO_ID = 'hall-pass@schools.invalid';
