/**
 * The built-in catalogue: the social networks a UK school's social media policy covers.
 *
 * Each network lists the domains a person navigates to (subdomains are included by matching).
 * Pure CDN and script domains (fbcdn.net, facebook.net, twimg.com, ytimg.com, pinimg.com,
 * discordapp.net, redditmedia.com, licdn.com...) are deliberately left out: other sites embed
 * them, and blocking them would break pages that merely show a "Like" button or a video still.
 * Ids are stable: policies name networks by id.
 */
import type { Network } from './types';

export const CATALOGUE: readonly Network[] = [
  {
    id: 'facebook',
    name: 'Facebook',
    // Messenger and the short-link and gaming domains lead into the same accounts.
    domains: ['facebook.com', 'fb.com', 'fb.me', 'fb.watch', 'fb.gg', 'messenger.com', 'm.me'],
  },
  { id: 'instagram', name: 'Instagram', domains: ['instagram.com', 'instagr.am', 'ig.me'] },
  // Meta moved Threads from threads.net to threads.com in 2025; both still answer.
  { id: 'threads', name: 'Threads', domains: ['threads.com', 'threads.net'] },
  { id: 'x', name: 'X (Twitter)', domains: ['x.com', 'twitter.com', 't.co'] },
  {
    id: 'youtube',
    name: 'YouTube',
    // youtube-nocookie.com serves embedded players; the country domains redirect to youtube.com.
    domains: [
      'youtube.com',
      'youtu.be',
      'youtube-nocookie.com',
      'youtubekids.com',
      'youtube.co.uk',
      'youtube.ie',
      'youtube.de',
      'youtube.fr',
      'youtube.es',
      'youtube.it',
      'youtube.nl',
      'youtube.ca',
      'youtube.com.au',
      'youtube.jp',
    ],
  },
  { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'] },
  { id: 'snapchat', name: 'Snapchat', domains: ['snapchat.com'] },
  // WhatsApp Web (web.whatsapp.com) and wa.me chat links.
  { id: 'whatsapp', name: 'WhatsApp', domains: ['whatsapp.com', 'wa.me'] },
  { id: 'discord', name: 'Discord', domains: ['discord.com', 'discord.gg', 'discordapp.com'] },
  { id: 'reddit', name: 'Reddit', domains: ['reddit.com', 'redd.it'] },
  {
    id: 'pinterest',
    name: 'Pinterest',
    domains: [
      'pinterest.com',
      'pin.it',
      'pinterest.co.uk',
      'pinterest.ie',
      'pinterest.fr',
      'pinterest.de',
      'pinterest.es',
      'pinterest.it',
      'pinterest.pt',
      'pinterest.at',
      'pinterest.ch',
      'pinterest.se',
      'pinterest.dk',
      'pinterest.ca',
      'pinterest.com.au',
      'pinterest.nz',
      'pinterest.jp',
      'pinterest.com.mx',
    ],
  },
  { id: 'tumblr', name: 'Tumblr', domains: ['tumblr.com', 'tmblr.co'] },
  // bsky.social is the default account host; its handles are subdomains of it.
  { id: 'bluesky', name: 'Bluesky', domains: ['bsky.app', 'bsky.social'] },
  {
    id: 'mastodon',
    name: 'Mastodon',
    // Mastodon is federated: only the largest general and UK instances can be listed.
    domains: [
      'mastodon.social',
      'mastodon.online',
      'mastodon.world',
      'mstdn.social',
      'mas.to',
      'masto.ai',
      'mastodonapp.uk',
      'mastodon.scot',
      'mstdn.jp',
      'fosstodon.org',
      'hachyderm.io',
      'infosec.exchange',
      'techhub.social',
      'universeodon.com',
    ],
  },
  { id: 'twitch', name: 'Twitch', domains: ['twitch.tv'] },
  { id: 'kick', name: 'Kick', domains: ['kick.com'] },
  { id: 'linkedin', name: 'LinkedIn', domains: ['linkedin.com', 'lnkd.in'] },
  {
    id: 'telegram',
    name: 'Telegram',
    // web.telegram.org is the web client; telegra.ph is Telegram's anonymous publishing site.
    domains: ['telegram.org', 'telegram.me', 't.me', 'telegra.ph'],
  },
  {
    id: 'blogger',
    name: 'Blogger',
    // Blogs live under blogspot.com; the country domains still serve the same blogs.
    domains: [
      'blogger.com',
      'blogspot.com',
      'blogspot.co.uk',
      'blogspot.ie',
      'blogspot.com.au',
      'blogspot.ca',
      'blogspot.de',
      'blogspot.fr',
      'blogspot.com.es',
      'blogspot.it',
      'blogspot.nl',
      'blogspot.in',
      'blogspot.jp',
    ],
  },
  // UK parenting forums where schools, staff and pupils are discussed.
  { id: 'mumsnet', name: 'Mumsnet', domains: ['mumsnet.com'] },
  { id: 'netmums', name: 'Netmums', domains: ['netmums.com'] },
  // Local neighbourhood network, widely used in the UK to discuss local schools.
  { id: 'nextdoor', name: 'Nextdoor', domains: ['nextdoor.com', 'nextdoor.co.uk'] },
  // Hosted blogs (*.wordpress.com) and their short links; not wordpress.org, the software.
  { id: 'wordpress-com', name: 'WordPress.com blogs', domains: ['wordpress.com', 'wp.me'] },
  { id: 'medium', name: 'Medium', domains: ['medium.com'] },
  { id: 'vk', name: 'VK', domains: ['vk.com', 'vk.me', 'vkontakte.ru'] },
  { id: 'quora', name: 'Quora', domains: ['quora.com'] },
  // bere.al carries BeReal's profile links.
  { id: 'bereal', name: 'BeReal', domains: ['bereal.com', 'bere.al'] },
  // Teen-focused social and anonymous-question apps named in online safety guidance.
  { id: 'yubo', name: 'Yubo', domains: ['yubo.live'] },
  { id: 'askfm', name: 'ASKfm', domains: ['ask.fm'] },
  { id: 'tellonym', name: 'Tellonym', domains: ['tellonym.me'] },
  { id: 'flickr', name: 'Flickr', domains: ['flickr.com', 'flic.kr'] },
];

const byId = new Map(CATALOGUE.map((n) => [n.id, n]));

export function catalogueById(id: string): Network | undefined {
  return byId.get(id);
}
