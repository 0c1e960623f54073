import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on('pageerror', (e) => console.log('ERR', e.message));
await p.goto('http://127.0.0.1:3891/screen', { waitUntil: 'networkidle' });
await p.getByRole('button', { name: 'Add a household member' }).click();
const group = p.getByRole('group', { name: /Household member/ });
console.log(await group.evaluate((g) => [...g.querySelectorAll('label, legend, input')].map((e) => e.tagName + ':' + (e.textContent.trim() || e.getAttribute('type') + ' ' + e.id).slice(0, 70)).join('\n')));
await b.close();
