//! The region control: one button per prefecture with its article count, opening to the
//! counties beneath the chosen one.

use std::rc::Rc;

use lianluo_core::RegionCount;
use yew::prelude::*;

use crate::route::RegionFilter;

/// Props for [`RegionPicker`].
#[derive(Properties, PartialEq)]
pub struct RegionPickerProps {
    /// Article counts per prefecture, from the archive index or from search results.
    pub regions: Rc<Vec<RegionCount>>,
    /// The region chosen now.
    pub active: Option<RegionFilter>,
    /// A region was chosen (or cleared, with `None`).
    pub on_pick: Callback<Option<RegionFilter>>,
    /// Name of the control group (e.g. `按地区浏览`).
    pub label: AttrValue,
}

/// Prefecture buttons; under the active prefecture, its county buttons.
#[function_component]
pub fn RegionPicker(props: &RegionPickerProps) -> Html {
    crate::render_count::rendered("RegionPicker");
    let active = props.active.as_ref();
    let button = |label: String, filter: Option<RegionFilter>, pressed: bool| {
        let onclick = props.on_pick.reform(move |_: MouseEvent| filter.clone());
        html! {
            <button type="button" class="chip" aria-pressed={super::pressed(pressed)} {onclick}>{ label }</button>
        }
    };
    let counties = active.and_then(|active| {
        props
            .regions
            .iter()
            .find(|region| region.prefecture == active.prefecture)
    });
    html! {
        <div class="region-picker" role="group" aria-label={props.label.clone()}>
            <div class="chips">
                { for props.regions.iter().map(|region| {
                    let filter = RegionFilter { prefecture: region.prefecture.clone(), county: None };
                    let pressed = active == Some(&filter);
                    button(format!("{} ({})", region.prefecture, region.count), Some(filter), pressed)
                }) }
                if active.is_some() { { button("全部地区".to_owned(), None, false) } }
            </div>
            if let Some(region) = counties.filter(|region| !region.counties.is_empty()) {
                <div class="chips counties" role="group" aria-label={format!("{}下辖区县", region.prefecture)}>
                    { for region.counties.iter().map(|county| {
                        let filter = RegionFilter {
                            prefecture: region.prefecture.clone(),
                            county: Some(county.county.clone()),
                        };
                        let pressed = active == Some(&filter);
                        button(format!("{} ({})", county.county, county.count), Some(filter), pressed)
                    }) }
                </div>
            }
        </div>
    }
}
